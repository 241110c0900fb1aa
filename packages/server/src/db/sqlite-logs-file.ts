/**
 * On SQLite, the kept log lines (`ls_logs`) live in a file of their own beside the database,
 * `logs.db`, attached to the server's connection as the schema `logs` (PocketBase keeps its
 * logs apart for the same reasons). The log writer thread commits a batch every few hundred
 * requests: in the database's own file each commit took the one write lock the server's
 * writes need (an insert waited on it) and made the server's connection drop its page cache.
 * Queries name the table as they always did: with no `ls_logs` in the main schema, SQLite
 * finds it in the attached one. Backups never held kept logs (machine-local, like metrics).
 */
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';

/** The schema name the logs file is attached as. */
export const LOGS_SCHEMA = 'logs';

export const sqliteLogsFile = (dataDir: string) => join(dataDir, 'logs.db');

/** The statements that make `ls_logs` and its indexes in `schema` when missing (as migration 0008 made them in `main`). */
export function logsTableSql(schema: string): string {
  return `create table if not exists ${schema}.ls_logs (
      id integer primary key autoincrement,
      ts bigint not null,
      level text not null,
      level_num integer not null,
      module text not null,
      message text not null,
      request_id text,
      fields text
    );
    create index if not exists ${schema}.ls_logs_ts on ls_logs (ts);
    create index if not exists ${schema}.ls_logs_module on ls_logs (module);`;
}

/** Attaches `logs.db` of `dataDir` (made when absent) and makes its table and indexes when missing. */
export function attachLogsFile(connection: SQLite.Database, dataDir: string): void {
  connection.prepare(`attach database ? as ${LOGS_SCHEMA}`).run(sqliteLogsFile(dataDir));
  connection.exec(`pragma ${LOGS_SCHEMA}.journal_mode = WAL;\n${logsTableSql(LOGS_SCHEMA)}`);
}
