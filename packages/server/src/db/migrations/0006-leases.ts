import type { Kysely } from 'kysely';

/**
 * Named leases: the one instance that holds a lease runs the work it names (a schedule's
 * tick, the cluster's authority). Expiry is milliseconds since the epoch, so a holder that
 * dies frees its lease by not renewing it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_leases')
    .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(255)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ls_leases').execute();
}
