/**
 * What a backup holds of the server's own tables (`ls_*`) and in which order they are
 * restored. Left out: what describes this machine or the backups themselves (migrations,
 * leases, the change log, rate-limit counters, realtime messages, the backup registry and
 * the cluster's instances), and settings, which travel as `settings.json`.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** Server tables never backed up nor replaced by a restore. */
const NOT_BACKED_UP = new Set([
  'ls_migrations',
  'ls_migrations_lock',
  'ls_leases',
  'ls_changes',
  'ls_change_log_marks',
  'ls_rate_limits',
  'ls_realtime_messages',
  'ls_settings',
  'ls_backups',
  'ls_backup_jobs',
  'ls_backup_schedule',
  'ls_snapshots',
  // This machine's own state: instances and their heartbeats, kept logs, metric samples, slow statements.
  'ls_cluster_nodes',
  'ls_cluster_state',
  'ls_logs',
  'ls_metric_points',
  'ls_slow_queries',
  // The audit trail outlives restores: a restore must not erase the record of itself.
  'ls_audit_log',
]);

/** Referenced tables first, so rows are inserted after the rows they point at. */
const RESTORE_ORDER = [
  'ls_users',
  'ls_sessions',
  'ls_refresh_tokens',
  'ls_one_time_tokens',
  'ls_api_keys',
  'ls_rls_policies',
  'ls_storage_buckets',
  'ls_storage_objects',
  'ls_storage_folders',
  'ls_storage_signed_urls',
  'ls_outbox',
  'ls_user_migrations',
  'ls_functions',
  'ls_function_versions',
  'ls_function_invocations',
  'ls_function_logs',
  'ls_webhooks',
  'ls_webhook_deliveries',
  'ls_alerts',
  'ls_alert_events',
];

/** Settings that describe this machine: a restore keeps the current values. */
export const MACHINE_SETTINGS = new Set(['storage_paths', 'setup', 'jwt_secret']);

/** Whether a settings key stays as it is on a restore (machine paths, secrets held in memory). */
export function isMachineSetting(key: string): boolean {
  return MACHINE_SETTINGS.has(key) || key.endsWith('_secret');
}

function rank(table: string): number {
  const index = RESTORE_ORDER.indexOf(table);
  return index === -1 ? RESTORE_ORDER.length : index;
}

/** Every `ls_*` table of the database. */
export async function serverTables(database: Database): Promise<string[]> {
  const query =
    database.engine === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and substr(name, 1, 3) = 'ls_'`
      : sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind in ('r', 'p') and substr(c.relname, 1, 3) = 'ls_'`;
  const { rows } = await query.execute(database.db);
  return rows.map((r) => r.name);
}

/** The server tables a backup holds, in restore order. */
export async function backedUpServerTables(database: Database): Promise<string[]> {
  const all = await serverTables(database);
  return all
    .filter((t) => !NOT_BACKED_UP.has(t) && !t.startsWith('ls_cluster'))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/** The column names of a server table (the catalogue hides `ls_*` tables). */
export async function serverTableColumns(database: Database, table: string): Promise<string[]> {
  const query =
    database.engine === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_info(${table})`
      : sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`;
  return (await query.execute(database.db)).rows.map((r) => r.name);
}
