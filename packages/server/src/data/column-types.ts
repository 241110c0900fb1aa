/**
 * Portable column types and defaults, per engine. DDL takes no bound parameters, so a
 * default is written as a literal only after it is checked to be a value of the column's
 * type (and quoted with quotes doubled); the only expressions are the two named defaults
 * the spec allows, each translated per engine from this file's own text.
 */
import type { PortableType } from '../db/catalogue';
import type { Engine } from '../db/database';
import { type DataError, dataErrors } from './data-error';

/** The declared type of each portable type, per engine. */
export const ENGINE_TYPES: Record<PortableType, Record<Engine, string>> = {
  text: { sqlite: 'TEXT', postgres: 'text' },
  integer: { sqlite: 'INTEGER', postgres: 'integer' },
  bigint: { sqlite: 'BIGINT', postgres: 'bigint' },
  real: { sqlite: 'REAL', postgres: 'double precision' },
  numeric: { sqlite: 'NUMERIC', postgres: 'numeric' },
  boolean: { sqlite: 'BOOLEAN', postgres: 'boolean' },
  timestamp: { sqlite: 'TIMESTAMP', postgres: 'timestamptz' },
  date: { sqlite: 'DATE', postgres: 'date' },
  uuid: { sqlite: 'UUID', postgres: 'uuid' },
  json: { sqlite: 'JSON', postgres: 'jsonb' },
};

/** The named defaults, by the portable types they apply to and their SQL per engine. */
const NAMED_DEFAULTS: Record<
  string,
  { types: PortableType[]; sql: Partial<Record<PortableType, Record<Engine, string>>> }
> = {
  'now()': {
    types: ['timestamp', 'date'],
    sql: {
      timestamp: { sqlite: "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", postgres: 'now()' },
      date: { sqlite: "(date('now'))", postgres: 'CURRENT_DATE' },
    },
  },
  'gen_random_uuid()': {
    types: ['uuid'],
    sql: {
      uuid: {
        sqlite:
          "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))",
        postgres: 'gen_random_uuid()',
      },
    },
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function invalidDefault(column: string, message: string): DataError {
  return dataErrors.invalidValue(`${column}: ${message}`, [{ field: `body.columns.${column}.default`, message }]);
}

/** A string as a SQL literal: single quotes doubled; NUL refused. */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw dataErrors.invalidValue('Text may not contain NUL.');
  return `'${text.replaceAll("'", "''")}'`;
}

function textDefault(column: string, type: PortableType, value: string): string {
  if (type === 'uuid' && !UUID.test(value)) throw invalidDefault(column, 'must be a UUID or gen_random_uuid()');
  if (type === 'date' && !DATE.test(value)) throw invalidDefault(column, 'must be a date (YYYY-MM-DD) or now()');
  if (type === 'timestamp' && (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))))
    throw invalidDefault(column, 'must be an RFC 3339 timestamp or now()');
  return quoteLiteral(value);
}

/**
 * The SQL of a column default, or undefined for none.
 * @example defaultSql('sqlite', 'published', 'boolean', false) // '0'
 */
export function defaultSql(engine: Engine, column: string, type: PortableType, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'NULL';
  if (typeof value === 'string' && Object.hasOwn(NAMED_DEFAULTS, value)) {
    const named = NAMED_DEFAULTS[value];
    const sql = named.sql[type]?.[engine];
    if (!sql) throw invalidDefault(column, `${value} applies to ${named.types.join(' and ')} columns only`);
    return sql;
  }
  if (type === 'json') return quoteLiteral(JSON.stringify(value));
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw invalidDefault(column, 'must be true or false');
    return engine === 'sqlite' ? (value ? '1' : '0') : String(value);
  }
  if (type === 'integer' || type === 'bigint') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidDefault(column, 'must be an integer');
    return String(value);
  }
  if (type === 'real' || type === 'numeric') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidDefault(column, 'must be a number');
    return String(value);
  }
  if (typeof value !== 'string') throw invalidDefault(column, `must be ${type} text`);
  return textDefault(column, type, value);
}

/** Reads a default back from the catalogue's SQL text: a literal as its value, our named defaults by name. */
export function defaultValueOf(engine: Engine, type: PortableType | null, text: string | null): unknown {
  if (text === null) return undefined;
  for (const [name, named] of Object.entries(NAMED_DEFAULTS)) {
    for (const perEngine of Object.values(named.sql)) {
      const sql = perEngine?.[engine];
      // SQLite keeps a parenthesised default without its outer parentheses.
      if (sql === text || sql === `(${text})`) return name;
    }
  }
  if (/^null$/i.test(text)) return null;
  const quoted = /^'((?:[^']|'')*)'(?:::[a-z ]+(?:\([\d, ]+\))?)?$/i.exec(text);
  if (quoted) {
    const value = quoted[1].replaceAll("''", "'");
    if (type === 'json') return parseJsonScalar(value);
    if ((type === 'integer' || type === 'bigint' || type === 'real' || type === 'numeric') && value.trim() !== '')
      return Number.isFinite(Number(value)) ? Number(value) : value;
    return value;
  }
  const bare = /^\(?(-?\d+(\.\d+)?([eE][+-]?\d+)?)\)?(?:::[a-z ]+)?$/.exec(text);
  if (bare) return type === 'boolean' ? Number(bare[1]) !== 0 : Number(bare[1]);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return text;
}

function parseJsonScalar(text: string): unknown {
  try {
    const value = JSON.parse(text);
    return value === null || typeof value !== 'object' ? value : text;
  } catch {
    return text;
  }
}
