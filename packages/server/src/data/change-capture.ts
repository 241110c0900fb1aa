/**
 * Change capture below the API: an AFTER INSERT/UPDATE/DELETE trigger on every user table
 * writes the row into `ls_changes` (see migration 0005), so every write path is captured,
 * raw SQL included. PostgreSQL has one generic trigger function (`to_jsonb(new)`), added to
 * tables by `ls_capture_sync()`. SQLite has no row-to-JSON, so each table gets three
 * triggers that name its columns; they are rebuilt whenever the columns change, and must be
 * dropped before a column is (SQLite refuses to drop a column a trigger names).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { isReservedTableName } from '../db/catalogue';
import type { Engine } from '../db/database';

type Db = Kysely<any> | Transaction<any>;

/** The prefix of the capture triggers' names on SQLite. */
export const SQLITE_TRIGGER_PREFIX = 'ls_capture_';

/**
 * The three SQLite capture triggers of `table` with `columns`, as `CREATE TRIGGER` text.
 * Self-contained on purpose (no helpers, no named inner functions): the raw-SQL child
 * process runs its source text, so a DDL statement and its trigger rebuild share one
 * transaction there (`sqlite-child.ts`).
 */
export function sqliteCaptureTriggers(table: string, columns: string[]): { name: string; sql: string }[] {
  const ident = `"${table.replace(/"/g, '""')}"`;
  const literal = `'${table.replace(/'/g, "''")}'`;
  const out: { name: string; sql: string }[] = [];
  const kinds = [
    ['INSERT', 'ins', 'NEW', null],
    ['UPDATE', 'upd', 'NEW', 'OLD'],
    ['DELETE', 'del', null, 'OLD'],
  ];
  for (const [kind, short, newRef, oldRef] of kinds) {
    const objects = [newRef, oldRef].map((ref) => {
      if (!ref) return 'NULL';
      const pairs = columns.map((c) => {
        const col = `${ref}."${c.replace(/"/g, '""')}"`;
        return `'${c.replace(/'/g, "''")}', CASE WHEN typeof(${col}) = 'blob' THEN json_object('$blob', hex(${col})) ELSE ${col} END`;
      });
      return `json_object(${pairs.join(', ')})`;
    });
    const name = `ls_capture_${short}_${table}`;
    out.push({
      name,
      sql: `CREATE TRIGGER "${name.replace(/"/g, '""')}" AFTER ${kind} ON ${ident} BEGIN INSERT INTO ls_changes (table_name, kind, new_row, old_row) VALUES (${literal}, '${kind}', ${objects[0]}, ${objects[1]}); END`,
    });
  }
  return out;
}

async function sqliteTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.map((r) => r.name).filter((name) => !isReservedTableName(name));
}

async function sqliteColumns(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db);
  return rows.map((r) => r.name);
}

async function sqliteTriggers(db: Db): Promise<Map<string, string>> {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger' and substr(name, 1, 11) = 'ls_capture_'`.execute(db);
  return new Map(rows.map((r) => [r.name, r.sql]));
}

async function syncSqlite(db: Db): Promise<void> {
  const existing = await sqliteTriggers(db);
  const wanted = new Set<string>();
  for (const table of await sqliteTables(db)) {
    for (const trigger of sqliteCaptureTriggers(table, await sqliteColumns(db, table))) {
      wanted.add(trigger.name);
      const current = existing.get(trigger.name);
      if (current === trigger.sql) continue;
      if (current !== undefined) await sql`drop trigger ${sql.id(trigger.name)}`.execute(db);
      await sql.raw(trigger.sql).execute(db);
    }
  }
  for (const name of existing.keys())
    if (!wanted.has(name)) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
}

/**
 * Gives every user table its capture trigger(s), and on SQLite rebuilds those whose table's
 * columns changed. Idempotent and cheap when nothing changed; run at start-up and after
 * every schema change, inside the change's transaction where there is one.
 */
export async function syncCapture(db: Db, engine: Engine): Promise<void> {
  if (engine === 'postgres') await sql`select ls_capture_sync()`.execute(db);
  else await syncSqlite(db);
}

/**
 * Drops the SQLite capture triggers before statements that may drop or rename columns;
 * `syncCapture` in the same transaction puts them back. Nothing to do on PostgreSQL.
 */
export async function releaseCapture(db: Db, engine: Engine): Promise<void> {
  if (engine === 'postgres') return;
  for (const name of (await sqliteTriggers(db)).keys()) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
}
