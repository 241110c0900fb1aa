import { type Kysely, PostgresAdapter, sql } from 'kysely';

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
  await sql`create table main.ls_logs (
    id integer primary key autoincrement,
    ts bigint not null,
    level text not null,
    level_num integer not null,
    module text not null,
    message text not null,
    request_id text,
    fields text
  )`.execute(db);
  await sql`create index main.ls_logs_ts on ls_logs (ts)`.execute(db);
  await sql`create index main.ls_logs_module on ls_logs (module)`.execute(db);
  await sql`insert into main.ls_logs select * from logs.ls_logs order by id`.execute(db);
}
