/**
 * The SQL of point-in-time recovery on the change log: which logged changes a replay from
 * a base snapshot up to an instant applies, in id order, page by page. SQLite's writers are
 * serialised, so the changes after the base's last id up to the last one made at or before
 * the target are a prefix of the history. On PostgreSQL a change belongs to the replay when
 * its transaction was not visible to the base's snapshot and made its last change at or
 * before the target (a transaction is replayed whole or not at all). The ids are read
 * once; the changes are then fetched by id, a page at a time.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type ChangeRecord, changesByIds } from '../../data/change-log';
import type { Database } from '../../db/database';

/** Where a base snapshot's data stands in the log. */
export interface LogBase {
  /** The newest change id the snapshot saw. */
  afterId: number;
  /** No change the snapshot misses was made before this instant. */
  from: string;
  /** PostgreSQL: the snapshot's transaction snapshot. */
  pgSnapshot: string | null;
}

/** What one replay covers. */
export interface ReplayScope {
  base: LogBase;
  /** RFC 3339. */
  target: string;
  tables: string[];
}

/** The changes of the replay as a relation with the log's columns (`c`). */
function replayed(database: Database, scope: ReplayScope): RawBuilder<unknown> {
  const { base, target } = scope;
  if (database.engine === 'sqlite') {
    return sql`(select * from ls_changes where id > ${base.afterId} and id <= coalesce(
      (select max(id) from ls_changes where id > ${base.afterId} and committed_at <= ${target}), 0))`;
  }
  // One scan: a window over each transaction's changes gives its last change's time.
  return sql`(select * from (
      select l.*, max(l.committed_at) over (partition by l.tx_id) as tx_last from ls_changes l
      where l.committed_at >= ${base.from}::timestamptz
        and not pg_visible_in_snapshot(l.tx_id::text::xid8, ${base.pgSnapshot}::pg_snapshot)
    ) w where w.tx_last <= ${target}::timestamptz)`;
}

/** The ids of the changes the replay applies to `scope.tables`, in id order (commit order for each row). */
export async function replayIds(database: Database, scope: ReplayScope): Promise<number[]> {
  if (scope.tables.length === 0) return [];
  const names = sql.join(scope.tables.map((t) => sql`${t}`));
  const { rows } = await sql<{ id: number | string }>`
    select c.id from ${replayed(database, scope)} c where c.table_name in (${names}) order by c.id`.execute(
    database.db as Kysely<any>,
  );
  return rows.map((r) => Number(r.id));
}

/** The tables the replay's changes name (a table outside the base cannot be replayed). */
export async function replayTables(database: Database, scope: ReplayScope): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    select distinct c.table_name as t from ${replayed(database, scope)} c`.execute(database.db);
  return rows.map((r) => r.t);
}

/** The first change of `table` made after `target`, or undefined. */
export async function firstChangeAfter(
  database: Database,
  table: string,
  target: string,
): Promise<ChangeRecord | undefined> {
  const after = database.engine === 'postgres' ? sql`${target}::timestamptz` : sql`${target}`;
  const { rows } = await sql<{ id: number | string }>`
    select id from ls_changes where table_name = ${table} and committed_at > ${after} order by id limit 1`.execute(
    database.db,
  );
  return rows[0] ? (await changesByIds(database, [Number(rows[0].id)]))[0] : undefined;
}
