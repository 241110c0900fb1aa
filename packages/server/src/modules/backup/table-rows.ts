/**
 * Every row of a table, streamed in pages that never load a whole table: SQLite through
 * better-sqlite3's iterator, PostgreSQL in keyset pages by `ctid` (physical row order, which
 * a repeatable-read transaction holds still).
 */
import { type Kysely, sql } from 'kysely';
import type { Row } from '../../data/values';
import type { Database } from '../../db/database';

const PAGE = 1000;

async function* postgresRows(db: Kysely<any>, table: string): AsyncIterable<Row> {
  let after = '(0,0)';
  for (;;) {
    const { rows } = await sql<Row & { ls__ctid: string }>`
      select ctid::text as ls__ctid, * from ${sql.table(table)}
      where ctid > ${after}::tid order by ctid limit ${PAGE}`.execute(db);
    for (const { ls__ctid, ...row } of rows) yield row;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].ls__ctid;
  }
}

/** The rows of `table` as the driver returns them. */
export function rowsOf(database: Database, table: string): AsyncIterable<Row> {
  const db = database.db as unknown as Kysely<any>;
  if (database.engine === 'postgres') return postgresRows(db, table);
  return db.selectFrom(table).selectAll().stream(PAGE) as AsyncIterable<Row>;
}
