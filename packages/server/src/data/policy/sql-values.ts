/**
 * How SQL compares two values, modelled on SQLite's rules (datatype3 §4.2, §4.3): column
 * values carry an affinity that converts the other side before comparing. A column's
 * affinity is read from the JS type of its value (a number is numeric, a string text),
 * while literals and auth values have none, as bound parameters have none.
 */

/** A value as SQL sees it: booleans are already 1/0, absent values null. */
export type SqlValue = null | number | bigint | string;

/** The affinity of an operand. */
export type Affinity = 'numeric' | 'text' | 'none';

/** A value with the affinity it compares under. */
export interface SqlOperand {
  value: SqlValue;
  affinity: Affinity;
}

const numericText = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Maps a JS value to what SQL would hold: booleans to 1/0, dates to ISO text, objects to JSON. */
export function toSqlValue(raw: unknown): SqlValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw;
  if (typeof raw === 'bigint' || typeof raw === 'string') return raw;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  if (ArrayBuffer.isView(raw) || typeof raw !== 'object') return null;
  return JSON.stringify(raw);
}

/** A column value as an operand: its affinity follows its type. */
export function columnOperand(raw: unknown): SqlOperand {
  const value = toSqlValue(raw);
  return { value, affinity: typeof value === 'string' ? 'text' : value === null ? 'none' : 'numeric' };
}

function applyNumeric(value: SqlValue): SqlValue {
  return typeof value === 'string' && numericText.test(value) ? Number(value) : value;
}

function applyText(value: SqlValue): SqlValue {
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
}

function convert(a: SqlOperand, b: SqlOperand): [SqlValue, SqlValue] {
  if (a.affinity === 'numeric' && b.affinity !== 'numeric') return [a.value, applyNumeric(b.value)];
  if (b.affinity === 'numeric' && a.affinity !== 'numeric') return [applyNumeric(a.value), b.value];
  if (a.affinity === 'text' && b.affinity === 'none') return [a.value, applyText(b.value)];
  if (b.affinity === 'text' && a.affinity === 'none') return [applyText(a.value), b.value];
  return [a.value, b.value];
}

function compareValues(a: number | bigint | string, b: number | bigint | string): number {
  const aText = typeof a === 'string';
  const bText = typeof b === 'string';
  if (aText && bText) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  if (aText !== bText) return aText ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares like SQL: negative, 0 or positive, or null when either side is null. */
export function sqlCompare(a: SqlOperand, b: SqlOperand): number | null {
  if (a.value === null || b.value === null) return null;
  const [x, y] = convert(a, b);
  return compareValues(x!, y!);
}
