/** SQL pieces the storage stores share, written once for SQLite and PostgreSQL. */
import { type RawBuilder, sql } from 'kysely';
import type { Engine } from '../../db/database';

/** Whether `error` is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `column` for ORDER BY in byte order on both engines (PostgreSQL's default collation is the locale's). */
export function byteOrder(engine: Engine, column: string): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

/** `column` starts with `prefix`, exactly and case-sensitively on both engines. */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  const length = [...prefix].length;
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${sql.lit(length)}) = ${prefix}`;
}

/** `column` contains `text`, ignoring case, with LIKE wildcards in `text` taken literally. */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Bigint columns come back as strings from PostgreSQL. */
export function toNumber(value: number | string | bigint | null): number {
  return value === null ? 0 : Number(value);
}
