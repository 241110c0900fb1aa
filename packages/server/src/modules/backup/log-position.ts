/**
 * Where a consistent view of the database stands in the change log, so point-in-time
 * recovery knows which logged changes a dump already holds: every change made before
 * `from` that is not in the dump's view belongs to a transaction the view saw, and on
 * PostgreSQL the view's transaction snapshot says which transactions those are.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database';

/**
 * An instant no later than the first change the view about to be taken can miss, in the
 * engine's own clock: now on SQLite (writers are serialised, the copy is one atomic read);
 * on PostgreSQL the start of the oldest transaction that holds a transaction id now (its
 * changes may be logged before now and commit after the view is taken). Read before the view.
 */
export async function logFrom(database: Database): Promise<string> {
  if (database.engine === 'sqlite') {
    const { rows } = await sql<{ at: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as at`.execute(database.db);
    return rows[0].at;
  }
  const { rows } = await sql<{ at: Date }>`
    select least(clock_timestamp(), (select min(xact_start) from pg_stat_activity
      where backend_xid is not null and datname = current_database())) as at`.execute(database.db);
  return rows[0].at.toISOString();
}

/** PostgreSQL: the view's transaction snapshot (`xmin:xmax:xip`); undefined on SQLite. */
export async function viewSnapshot(view: Database): Promise<string | undefined> {
  if (view.engine !== 'postgres') return undefined;
  const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(view.db);
  return rows[0].s;
}
