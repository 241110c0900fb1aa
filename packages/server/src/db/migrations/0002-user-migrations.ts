import type { Kysely } from 'kysely';

/** The database module's user migrations: their SQL, status and history. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_user_migrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sql_up', 'text', (c) => c.notNull())
    .addColumn('sql_down', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('applied_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ls_user_migrations').execute();
}
