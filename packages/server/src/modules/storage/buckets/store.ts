/** Buckets (`ls_storage_buckets`) with their usage. */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { nowIso } from '../../../clock';
import type { Engine } from '../../../db/database';
import type { StorageBucketTable, Tables } from '../../../db/tables';
import type { Policy } from '../access';
import { byteOrder, isUniqueViolation, toNumber } from '../portable-sql';

/** A bucket's settings. */
export interface Bucket {
  id: string;
  name: string;
  policy: Policy;
  fileSizeLimit: number | null;
  allowedMimeTypes: string[] | null;
  quotaBytes: number | null;
  createdAt: string;
  updatedAt: string;
}

/** How much a bucket holds. */
export interface BucketUsage {
  files: number;
  bytes: number;
}

/** The settings a bucket is created or updated with. */
export type BucketSettings = Pick<Bucket, 'policy' | 'fileSizeLimit' | 'allowedMimeTypes' | 'quotaBytes'>;

function toBucket(row: Selectable<StorageBucketTable>): Bucket {
  return {
    id: row.id,
    name: row.name,
    policy: row.policy,
    fileSizeLimit: row.file_size_limit === null ? null : toNumber(row.file_size_limit),
    allowedMimeTypes: row.allowed_mime_types === null ? null : (JSON.parse(row.allowed_mime_types) as string[]),
    quotaBytes: row.quota_bytes === null ? null : toNumber(row.quota_bytes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const fileCount = sql<number | string>`(select count(*) from ls_storage_objects o where o.bucket_id = b.id)`;
const totalSize = sql<
  number | string
>`(select coalesce(sum(o.size), 0) from ls_storage_objects o where o.bucket_id = b.id)`;

/** Reads and writes `ls_storage_buckets`. */
export class BucketsStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
  ) {}

  /** A page of buckets by name, each with its usage, and the total. */
  async list(limit: number, offset: number): Promise<{ rows: Array<Bucket & BucketUsage>; total: number }> {
    const rows = await this.db
      .selectFrom('ls_storage_buckets as b')
      .selectAll('b')
      .select([fileCount.as('file_count'), totalSize.as('total_size')])
      .orderBy(byteOrder(this.engine, 'b.name'))
      .limit(limit)
      .offset(offset)
      .execute();
    const { n } = await this.db
      .selectFrom('ls_storage_buckets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      rows: rows.map((r) => ({ ...toBucket(r), files: toNumber(r.file_count), bytes: toNumber(r.total_size) })),
      total: toNumber(n),
    };
  }

  async byName(name: string): Promise<Bucket | undefined> {
    const row = await this.db.selectFrom('ls_storage_buckets').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toBucket(row) : undefined;
  }

  /** Creates a bucket; undefined when the name is taken. */
  async create(name: string, settings: BucketSettings): Promise<Bucket | undefined> {
    const now = nowIso();
    const row = {
      id: randomUUID(),
      name,
      policy: settings.policy,
      file_size_limit: settings.fileSizeLimit,
      allowed_mime_types: settings.allowedMimeTypes ? JSON.stringify(settings.allowedMimeTypes) : null,
      quota_bytes: settings.quotaBytes,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto('ls_storage_buckets').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    return toBucket(row);
  }

  async update(id: string, settings: BucketSettings): Promise<void> {
    await this.db
      .updateTable('ls_storage_buckets')
      .set({
        policy: settings.policy,
        file_size_limit: settings.fileSizeLimit,
        allowed_mime_types: settings.allowedMimeTypes ? JSON.stringify(settings.allowedMimeTypes) : null,
        quota_bytes: settings.quotaBytes,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes the bucket; its files, folders and signed URLs go with it (foreign keys cascade). */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('ls_storage_buckets').where('id', '=', id).execute();
  }

  /** The bucket's file count, bytes and largest file. */
  async usage(id: string): Promise<BucketUsage & { largest: { path: string; size: number } | null }> {
    const totals = await this.db
      .selectFrom('ls_storage_objects')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`coalesce(sum(size), 0)`.as('bytes'),
      ])
      .where('bucket_id', '=', id)
      .executeTakeFirstOrThrow();
    const largest = await this.db
      .selectFrom('ls_storage_objects')
      .select(['path', 'size'])
      .where('bucket_id', '=', id)
      .orderBy('size', 'desc')
      .orderBy(byteOrder(this.engine, 'path'))
      .limit(1)
      .executeTakeFirst();
    return {
      files: toNumber(totals.n),
      bytes: toNumber(totals.bytes),
      largest: largest ? { path: largest.path, size: toNumber(largest.size) } : null,
    };
  }

  /** Buckets, files and bytes over the whole server. */
  async totals(): Promise<{ buckets: number; files: number; bytes: number }> {
    const { n } = await this.db
      .selectFrom('ls_storage_buckets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const files = await this.db
      .selectFrom('ls_storage_objects')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`coalesce(sum(size), 0)`.as('bytes'),
      ])
      .executeTakeFirstOrThrow();
    return { buckets: toNumber(n), files: toNumber(files.n), bytes: toNumber(files.bytes) };
  }
}
