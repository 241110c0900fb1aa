/**
 * Reads the change log (`ls_changes`) that the capture triggers fill: the changes after a
 * given id, or those with given ids, oldest first; and prunes old entries, never past a hold
 * that point-in-time recovery placed (`ls_change_log_marks`). Rows come back
 * parsed but not normalised (`normaliseChange` in the reader's module does that per table).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Row } from './values';

/** A change kind, as the triggers record it. */
export type ChangeKind = 'INSERT' | 'UPDATE' | 'DELETE';

/** One captured change. `id` grows with every change; on SQLite it is also commit order. */
export interface ChangeRecord {
  id: number;
  table: string;
  kind: ChangeKind;
  /** The row after the change; null for DELETE. */
  newRow: Row | null;
  /** The row before the change; null for INSERT. */
  oldRow: Row | null;
  /** When the change was made (RFC 3339). */
  committedAt: string;
}

interface RawChange {
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

function toRecord(raw: RawChange): ChangeRecord {
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

function log(database: Database): Kysely<any> {
  return database.db as unknown as Kysely<any>;
}

const COLUMNS = ['id', 'table_name', 'kind', 'new_row', 'old_row', 'committed_at'] as const;

/** Up to `limit` changes with an id above `afterId`, oldest first. */
export async function changesAfter(database: Database, afterId: number, limit = 1000): Promise<ChangeRecord[]> {
  const rows = await log(database)
    .selectFrom('ls_changes')
    .select(COLUMNS)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** The changes with these ids, in the order of `ids` (missing ones left out). */
export async function changesByIds(database: Database, ids: number[]): Promise<ChangeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await log(database).selectFrom('ls_changes').select(COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), toRecord(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is ChangeRecord => r !== undefined);
}

/** The newest change's id, 0 when the log is empty. */
export async function lastChangeId(database: Database): Promise<number> {
  const row = await log(database)
    .selectFrom('ls_changes')
    .select(sql<number | string | null>`max(id)`.as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

function instant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The instant of a change-log mark (`hold:<holder>` or `pruned`), undefined when unset. */
export async function changeLogMark(database: Database, name: string): Promise<string | undefined> {
  const row = await log(database)
    .selectFrom('ls_change_log_marks')
    .select('at')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? instant(row.at) : undefined;
}

/** Sets (or with `at` undefined, clears) a change-log mark. */
export async function setChangeLogMark(database: Database, name: string, at: string | undefined): Promise<void> {
  const db = log(database);
  if (at === undefined) {
    await db.deleteFrom('ls_change_log_marks').where('name', '=', name).execute();
    return;
  }
  await db
    .insertInto('ls_change_log_marks')
    .values({ name, at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ at }))
    .execute();
}

async function oldestHold(database: Database): Promise<string | undefined> {
  const rows = await log(database)
    .selectFrom('ls_change_log_marks')
    .select('at')
    .where('name', 'like', 'hold:%')
    .execute();
  const holds = rows.map((r) => instant(r.at)).sort();
  return holds[0];
}

/**
 * Deletes changes made before `before` (RFC 3339), but none made at or after a hold (the
 * oldest snapshot point-in-time recovery still needs); records the cut as the `pruned`
 * mark. Answers how many went.
 */
export async function pruneChanges(database: Database, before: string): Promise<number> {
  const hold = await oldestHold(database);
  const cut = hold !== undefined && hold < before ? hold : before;
  const result = await log(database).deleteFrom('ls_changes').where('committed_at', '<', cut).executeTakeFirst();
  const deleted = Number(result.numDeletedRows);
  const pruned = await changeLogMark(database, 'pruned');
  if (deleted > 0 && (pruned === undefined || pruned < cut)) await setChangeLogMark(database, 'pruned', cut);
  return deleted;
}
