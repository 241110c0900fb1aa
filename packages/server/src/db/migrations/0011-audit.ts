import { type Kysely, sql } from 'kysely';

/**
 * The audit log: who did what, written by the request pipeline for every operation the spec
 * marks with `x-lockstep-audit`. `ts` is milliseconds since the epoch (filtered by range);
 * `details` is a JSON object.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table ls_audit_log (
    id text primary key,
    ts bigint not null,
    action text not null,
    user_id text,
    resource_type text not null,
    resource_id text not null,
    details text not null,
    ip_address text
  )`.execute(db);
  await sql`create index ls_audit_log_ts on ls_audit_log (ts)`.execute(db);
  await sql`create index ls_audit_log_action_ts on ls_audit_log (action, ts)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ls_audit_log`.execute(db);
}
