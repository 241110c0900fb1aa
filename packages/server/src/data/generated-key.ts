/**
 * A row's key when the client leaves it out: a table whose one primary key column is a
 * uuid with no default of its own (made with SQL rather than `createTable`, which gives
 * it one) gets a random uuid, on both engines, so the dashboard's inserts without an id work.
 * Integer keys are the engine's (identity, or SQLite's rowid).
 */
import { randomUUID } from 'node:crypto';
import type { TableMeta } from './table-cache';
import type { Row } from './values';

/** `row` with a random uuid for a single uuid key it lacks (when the engine would not fill it). */
export function withGeneratedKey(meta: TableMeta, row: Row): Row {
  if (meta.primaryKey.length !== 1) return row;
  const key = meta.byName.get(meta.primaryKey[0]);
  if (key?.portable !== 'uuid' || key.default_value !== null) return row;
  if (row[key.name] !== undefined && row[key.name] !== null) return row;
  return { ...row, [key.name]: randomUUID() };
}
