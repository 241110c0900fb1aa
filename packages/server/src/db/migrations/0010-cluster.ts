import type { Kysely } from 'kysely';

/**
 * The cluster's members: every running server instance registers itself with a heartbeat
 * (kind `instance`), and PostgreSQL standbys added as replicas are kept (kind `replica`).
 * `ls_cluster_state` holds the authority marker and the last promotion. Never backed up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_cluster_nodes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .addColumn('load', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('replication_mode', 'text')
    .execute();
  await db.schema
    .createTable('ls_cluster_state')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ls_cluster_state').execute();
  await db.schema.dropTable('ls_cluster_nodes').execute();
}
