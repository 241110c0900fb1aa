/**
 * Values between JSON and the engines. Going in, a JSON value becomes what the driver can
 * bind for the column (SQLite binds no booleans; JSON columns take text). Coming out, a
 * row is normalised so every reader (the API, `evaluatePolicy`) sees the same JS types on
 * both engines: booleans for boolean columns, numbers for integers and safe numerics,
 * RFC 3339 text for timestamps, parsed JSON for json columns.
 */
import type { CatalogueColumn, PortableType } from '../db/catalogue';
import type { Engine } from '../db/database';
import { type DataError, dataErrors } from './data-error';

/** A row keyed by column name. */
export type Row = Record<string, unknown>;

function invalidValue(column: string, message: string): DataError {
  return dataErrors.invalidValue(`${column}: ${message}`, [{ field: column, message }]);
}

function sqliteScalar(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  // A JS number binds as REAL; integers bind as INTEGER so TEXT columns compare with '9', not '9.0'.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return value;
}

const INTEGER_TEXT = /^[+-]?\d{1,19}$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toBoolean(column: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidValue(column, 'must be true or false');
}

function toInteger(column: string, value: unknown): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.trim();
  }
  throw invalidValue(column, 'must be an integer');
}

function toNumber(column: string, value: unknown): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return value.trim();
  throw invalidValue(column, 'must be a number');
}

function toText(column: string, type: PortableType | null, value: unknown): string | number {
  if (typeof value === 'number' && !Number.isFinite(value)) throw invalidValue(column, 'must be a finite number');
  if (type === null && typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : String(value);
  // PostgreSQL text cannot hold NUL; SQLite would cut the value there. Refused on both.
  if (text.includes('\0')) throw invalidValue(column, 'may not contain the NUL character');
  if (type === 'uuid' && !UUID.test(text)) throw invalidValue(column, 'must be a UUID');
  if (type === 'date' && !DATE.test(text)) throw invalidValue(column, 'must be a date (YYYY-MM-DD)');
  if (type === 'timestamp' && Number.isNaN(Date.parse(text)))
    throw invalidValue(column, 'must be an RFC 3339 timestamp');
  return text;
}

/** A scalar as a value of the column's portable type; 400 when it is not one. */
function coerce(column: CatalogueColumn, value: unknown): unknown {
  switch (column.portable) {
    case 'boolean':
      return toBoolean(column.name, value);
    case 'integer':
    case 'bigint':
      return toInteger(column.name, value);
    case 'real':
    case 'numeric':
      return toNumber(column.name, value);
    default:
      return toText(column.name, column.portable, value);
  }
}

/**
 * A JSON value as the engine binds it for `column`: checked against the column's type
 * (numeric text for number columns and `true`/`false` text for booleans are accepted, so
 * query-string values work); 400 for a value the column cannot take.
 */
export function toDbValue(engine: Engine, column: CatalogueColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.portable === 'json') return JSON.stringify(value);
  if (typeof value === 'object') throw invalidValue(column.name, 'must be a scalar (text, number, boolean or null)');
  const coerced = coerce(column, value);
  return engine === 'sqlite' ? sqliteScalar(coerced) : coerced;
}

/** A value compared with a column in a filter (a filter compares scalars; json columns compare as JSON text). */
export function toFilterValue(engine: Engine, column: CatalogueColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') throw invalidValue(column.name, 'a filter compares scalars only');
  return toDbValue(engine, column, value);
}

const safeDecimal = /^-?\d{1,15}(\.\d{1,15})?$/;

function numberIfSafe(text: string): number | string {
  const n = Number(text);
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  return safeDecimal.test(text) && text.replace(/[-.]/g, '').length <= 15 ? n : text;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** pg parses `date` as local midnight; its calendar day is the stored date. */
function localDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function fromJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** One value read from the engine, as the API shows it. */
export function fromDbValue(engine: Engine, type: PortableType | null, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean' && typeof value === 'number') return value !== 0;
  if (type === 'boolean' && typeof value === 'bigint') return value !== 0n;
  if (type === 'json' && engine === 'sqlite') return fromJsonText(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return type === 'date' ? localDate(value) : value.toISOString();
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value === 'string' && (type === 'bigint' || type === 'integer' || type === 'numeric'))
    return numberIfSafe(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/**
 * Normalises a row read from the engine, in place: the driver made the object for this read
 * alone, and a page of rows is normalised on every read, so no copy is made. `types` maps
 * column names to portable types.
 */
export function fromDbRow(engine: Engine, types: Map<string, PortableType | null>, row: Row): Row {
  for (const key of Object.keys(row)) {
    const value = row[key];
    const normal = fromDbValue(engine, types.get(key) ?? null, value);
    if (normal === value) continue;
    // A column called `__proto__` (raw SQL can name one) stays a column: assigning would set the prototype.
    if (key === '__proto__') Object.defineProperty(row, key, { value: normal, enumerable: true, writable: true });
    else row[key] = normal;
  }
  return row;
}
