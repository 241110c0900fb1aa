import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Point-in-time recovery and retention by count. `ls_change_log_marks` keeps two kinds of
 * instants of the change log by name: `hold:<holder>` (changes made at or after it must not
 * be pruned: the oldest snapshot PITR still needs) and `pruned` (changes before it may be
 * gone). A snapshot records where its data stands in the log (`log_from`, and on PostgreSQL
 * the transaction snapshot `log_snapshot`); an imported one has neither and is no PITR base.
 * A job's own fields go to `detail` (JSON); the schedule gains `retention_count`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('ls_change_log_marks')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    // Compared with ls_changes.committed_at, so the same type: timestamptz or RFC 3339 text.
    .addColumn('at', postgres ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('ls_snapshots').addColumn('log_from', 'text').execute();
  await db.schema.alterTable('ls_snapshots').addColumn('log_snapshot', 'text').execute();
  await db.schema.alterTable('ls_backup_jobs').addColumn('detail', 'text').execute();
  await db.schema.alterTable('ls_backup_schedule').addColumn('retention_count', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ls_backup_schedule').dropColumn('retention_count').execute();
  await db.schema.alterTable('ls_backup_jobs').dropColumn('detail').execute();
  await db.schema.alterTable('ls_snapshots').dropColumn('log_snapshot').execute();
  await db.schema.alterTable('ls_snapshots').dropColumn('log_from').execute();
  await db.schema.dropTable('ls_change_log_marks').execute();
}
