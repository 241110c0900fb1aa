import type { Kysely } from 'kysely';

/**
 * Backups and their jobs: the registry of archives under the backup directory, the jobs the
 * dashboard polls (backup and restore), the one scheduled backup, and snapshots. These tables describe
 * the archives, so a restore never replaces them (`modules/backup/dump-plan.ts`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_backups')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createTable('ls_backup_jobs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('backup_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('validate_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('validation_errors', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('ls_backup_jobs_started').on('ls_backup_jobs').column('started_at').execute();
  await db.schema
    .createTable('ls_backup_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('cron_expression', 'text', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('compression', 'text', (c) => c.notNull())
    .addColumn('incremental', 'integer', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('anchor_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ls_snapshots')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('wal_position', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('collections', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text')
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ls_snapshots').execute();
  await db.schema.dropTable('ls_backup_schedule').execute();
  await db.schema.dropTable('ls_backup_jobs').execute();
  await db.schema.dropTable('ls_backups').execute();
}
