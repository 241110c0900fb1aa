/**
 * The SQL of point-in-time recovery on the change log: which logged changes a replay from
 * a base snapshot up to an instant applies, in id order, page by page. SQLite's writers are
 * serialised, so the changes after the base's last id up to the last one made at or before
 * the target are a prefix of the history. On PostgreSQL a change belongs to the replay when
 * its transaction was not visible to the base's snapshot and made its last change at or
 * before the target (a transaction is replayed whole or not at all).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ChangeKind, ChangeRecord } from '../../data/change-log';
import type { Row } from '../../data/values';
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

interface Raw {
  id: number | string;
  table_name: string;
  kind: string;
  new_row: unknown;
  old_row: unknown;
  committed_at: unknown;
}

function parsed(value: unknown): Row | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Row;
}

function toRecord(raw: Raw): ChangeRecord {
  const at = raw.committed_at instanceof Date ? raw.committed_at.toISOString() : String(raw.committed_at);
  return {
    id: Number(raw.id),
    table: raw.table_name,
    kind: raw.kind as ChangeKind,
    newRow: parsed(raw.new_row),
    oldRow: parsed(raw.old_row),
    committedAt: at,
  };
}

/** The changes of the replay as a relation with the log's columns (`c`). */
function replayed(database: Database, scope: ReplayScope): RawBuilder<unknown> {
  const { base, target } = scope;
  if (database.engine === 'sqlite') {
    return sql`(select * from ls_changes where id > ${base.afterId} and id <= coalesce(
      (select max(id) from ls_changes where id > ${base.afterId} and committed_at <= ${target}), 0))`;
  }
  return sql`(select l.* from ls_changes l join (
      select tx_id from ls_changes
      where committed_at >= ${base.from}::timestamptz
        and not pg_visible_in_snapshot(tx_id::text::xid8, ${base.pgSnapshot}::pg_snapshot)
      group by tx_id having max(committed_at) <= ${target}::timestamptz
    ) t on t.tx_id = l.tx_id where l.committed_at >= ${base.from}::timestamptz)`;
}

/** How many changes the replay applies, and the id of its last (0 when none). */
export async function replayExtent(database: Database, scope: ReplayScope): Promise<{ count: number; lastId: number }> {
  const { rows } = await sql<{ n: number | string; last: number | string | null }>`
    select count(*) as n, max(c.id) as last from ${replayed(database, scope)} c`.execute(database.db);
  return { count: Number(rows[0].n), lastId: Number(rows[0].last ?? 0) };
}

/** The tables the replay's changes name (a table outside the base cannot be replayed). */
export async function replayTables(database: Database, scope: ReplayScope): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    select distinct c.table_name as t from ${replayed(database, scope)} c`.execute(database.db);
  return rows.map((r) => r.t);
}

/** Up to `limit` changes of the replay to `scope.tables` with an id above `afterId`, in id order. */
export async function replayPage(
  database: Database,
  scope: ReplayScope,
  afterId: number,
  limit: number,
): Promise<ChangeRecord[]> {
  if (scope.tables.length === 0) return [];
  const names = sql.join(scope.tables.map((t) => sql`${t}`));
  const { rows } = await sql<Raw>`
    select c.id, c.table_name, c.kind, c.new_row, c.old_row, c.committed_at from ${replayed(database, scope)} c
    where c.id > ${afterId} and c.table_name in (${names}) order by c.id limit ${limit}`.execute(
    database.db as Kysely<any>,
  );
  return rows.map(toRecord);
}

/** The first change of `table` made after `target`, or undefined. */
export async function firstChangeAfter(
  database: Database,
  table: string,
  target: string,
): Promise<ChangeRecord | undefined> {
  const after = database.engine === 'postgres' ? sql`${target}::timestamptz` : sql`${target}`;
  const { rows } = await sql<Raw>`
    select id, table_name, kind, new_row, old_row, committed_at from ls_changes
    where table_name = ${table} and committed_at > ${after} order by id limit 1`.execute(database.db);
  return rows[0] ? toRecord(rows[0]) : undefined;
}
