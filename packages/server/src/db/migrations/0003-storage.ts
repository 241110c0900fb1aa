import type { Kysely } from 'kysely';

/** Storage: buckets, objects (files and their permissions), explicit folders, signed URLs. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ls_storage_buckets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('file_size_limit', 'bigint')
    .addColumn('allowed_mime_types', 'text')
    .addColumn('quota_bytes', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ls_storage_objects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bucket_id', 'text', (c) => c.notNull().references('ls_storage_buckets.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('ls_users.id').onDelete('set null'))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allowed_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ls_storage_objects_bucket_path', ['bucket_id', 'path'])
    .execute();
  await db.schema.createIndex('ls_storage_objects_owner').on('ls_storage_objects').column('owner_id').execute();
  await db.schema
    .createTable('ls_storage_folders')
    .addColumn('bucket_id', 'text', (c) => c.notNull().references('ls_storage_buckets.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ls_storage_folders_pk', ['bucket_id', 'path'])
    .execute();
  await db.schema
    .createTable('ls_storage_signed_urls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('object_id', 'text', (c) => c.notNull().references('ls_storage_objects.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('ls_storage_signed_urls_object')
    .on('ls_storage_signed_urls')
    .column('object_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ls_storage_signed_urls', 'ls_storage_folders', 'ls_storage_objects', 'ls_storage_buckets']) {
    await db.schema.dropTable(table).execute();
  }
}
