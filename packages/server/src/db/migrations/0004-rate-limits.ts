import type { Kysely } from 'kysely';

/**
 * Attempt counters shared by every instance on PostgreSQL (rate-limiter-flexible's table
 * layout). SQLite deployments are single-instance and count in memory; the table is made
 * on both engines so the schema stays the same.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ls_rate_limits').execute();
}
