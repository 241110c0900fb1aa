import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { logsTableSql } from '../sqlite-logs-file';

/**
 * On SQLite, kept log lines move to their own file (`sqlite-logs-file.ts`): the lines kept
 * so far go over, and the main schema's `ls_logs` is dropped, so that the name finds the
 * attached file's table. Nothing changes on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`insert into logs.ls_logs (ts, level, level_num, module, message, request_id, fields)
    select ts, level, level_num, module, message, request_id, fields from main.ls_logs order by id`.execute(db);
  await sql`drop table main.ls_logs`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const statement of logsTableSql('main')
    .split(';')
    .filter((text) => text.trim()))
    await sql.raw(statement).execute(db);
  await sql`insert into main.ls_logs select * from logs.ls_logs order by id`.execute(db);
}
