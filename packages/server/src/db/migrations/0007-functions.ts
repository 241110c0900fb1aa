import type { Kysely } from 'kysely';

/**
 * Functions: the function (its active settings, `env_vars` encrypted), its immutable
 * versions (source, compiled JavaScript, SHA-256), its invocations (with what ran them and
 * what they used; `trigger_key` is unique so a cron tick or a change event runs once across
 * instances) and the lines its invocations logged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_functions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('runtime', 'text', (c) => c.notNull())
    .addColumn('env_vars', 'text', (c) => c.notNull())
    .addColumn('triggers', 'text', (c) => c.notNull())
    .addColumn('allowed_hosts', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('memory_mb', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_invoked_at', 'text')
    .execute();
  await db.schema
    .createTable('ls_function_versions')
    .addColumn('function_id', 'text', (c) => c.notNull().references('ls_functions.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('runtime', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('compiled', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('deployed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ls_function_versions_pk', ['function_id', 'version'])
    .execute();
  await db.schema
    .createTable('ls_function_invocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('function_id', 'text', (c) => c.notNull().references('ls_functions.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('trigger_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('error_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .addColumn('cpu_ms', 'double precision', (c) => c.notNull())
    .addColumn('memory_bytes', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('invoked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ls_function_invocations_by_time')
    .on('ls_function_invocations')
    .columns(['function_id', 'invoked_at'])
    .execute();
  await db.schema
    .createTable('ls_function_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('function_id', 'text', (c) => c.notNull().references('ls_functions.id').onDelete('cascade'))
    .addColumn('invocation_id', 'text', (c) => c.notNull().references('ls_function_invocations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ls_function_logs_by_time')
    .on('ls_function_logs')
    .columns(['function_id', 'timestamp'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ls_function_logs', 'ls_function_invocations', 'ls_function_versions', 'ls_functions'])
    await db.schema.dropTable(table).execute();
}
