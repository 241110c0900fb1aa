/** Stored files (`ls_storage_objects`): their keys, sizes, owners and permissions. */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Engine } from '../../../db/database';
import type { StorageObjectTable, Tables } from '../../../db/tables';
import { byteOrder, containsText, isUniqueViolation, startsWith, toNumber } from '../portable-sql';

/** A stored file's metadata. */
export interface StoredFile {
  id: string;
  bucketId: string;
  path: string;
  name: string;
  size: number;
  contentType: string;
  etag: string;
  ownerId: string | null;
  metadata: Record<string, unknown>;
  public: boolean;
  allowedRoles: string[];
  createdAt: string;
  updatedAt: string;
}

/** Which files a listing shows: all, or those the caller may read despite the bucket's policy. */
export type Visibility = { all: true } | { all: false; userId?: string; role?: string };

/** What a listing filters on. */
export interface FileFilter {
  /** Files under this folder, at any depth. */
  folder?: string;
  /** Files whose key starts with this text. */
  prefix?: string;
  /** Files whose name contains this text, ignoring case. */
  search?: string;
  visibility: Visibility;
}

type Row = Selectable<StorageObjectTable>;
type Eb = ExpressionBuilder<Tables, 'ls_storage_objects'>;

const ROLE = /^[a-z][a-z0-9]*$/;

function toFile(row: Row): StoredFile {
  return {
    id: row.id,
    bucketId: row.bucket_id,
    path: row.path,
    name: row.name,
    size: toNumber(row.size),
    contentType: row.content_type,
    etag: row.etag,
    ownerId: row.owner_id,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    public: row.public === 1,
    allowedRoles: JSON.parse(row.allowed_roles) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(file: StoredFile): Row {
  return {
    id: file.id,
    bucket_id: file.bucketId,
    path: file.path,
    name: file.name,
    size: file.size,
    content_type: file.contentType,
    etag: file.etag,
    owner_id: file.ownerId,
    metadata: JSON.stringify(file.metadata),
    public: file.public ? 1 : 0,
    allowed_roles: JSON.stringify(file.allowedRoles),
    created_at: file.createdAt,
    updated_at: file.updatedAt,
  };
}

function visible(eb: Eb, visibility: Visibility) {
  if (visibility.all) return eb.lit(true);
  const readable = [eb('public', '=', 1)];
  if (visibility.userId) readable.push(eb('owner_id', '=', visibility.userId));
  // Role names are a fixed lower-case set, so the LIKE pattern has no wildcard in it.
  if (visibility.role && ROLE.test(visibility.role))
    readable.push(eb('allowed_roles', 'like', `%${JSON.stringify(visibility.role)}%`));
  return eb.or(readable);
}

/** Reads and writes `ls_storage_objects`. */
export class FilesStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
  ) {}

  async byPath(bucketId: string, path: string): Promise<StoredFile | undefined> {
    const row = await this.db
      .selectFrom('ls_storage_objects')
      .selectAll()
      .where('bucket_id', '=', bucketId)
      .where('path', '=', path)
      .executeTakeFirst();
    return row ? toFile(row) : undefined;
  }

  /** A page of the bucket's files by key, and how many match. */
  async list(
    bucketId: string,
    filter: FileFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: StoredFile[]; total: number }> {
    let query = this.db
      .selectFrom('ls_storage_objects')
      .where('bucket_id', '=', bucketId)
      .where((eb) => visible(eb, filter.visibility));
    if (filter.folder) query = query.where(startsWith('path', `${filter.folder}/`));
    if (filter.prefix) query = query.where(startsWith('path', filter.prefix));
    if (filter.search) query = query.where(containsText('name', filter.search));
    const rows = await query.selectAll().orderBy(byteOrder(this.engine, 'path')).limit(limit).offset(offset).execute();
    const { n } = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { rows: rows.map(toFile), total: toNumber(n) };
  }

  /** Every file under `folder` at any depth, visible or not. */
  async under(bucketId: string, folder: string): Promise<StoredFile[]> {
    const rows = await this.db
      .selectFrom('ls_storage_objects')
      .selectAll()
      .where('bucket_id', '=', bucketId)
      .where(startsWith('path', `${folder}/`))
      .execute();
    return rows.map(toFile);
  }

  /** Whether any file lies under `folder`. */
  async anyUnder(bucketId: string, folder: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('ls_storage_objects')
      .select('id')
      .where('bucket_id', '=', bucketId)
      .where(startsWith('path', `${folder}/`))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The keys of the visible files under `folder` (the whole bucket without one). */
  async keysUnder(bucketId: string, folder: string | undefined, visibility: Visibility): Promise<string[]> {
    let query = this.db
      .selectFrom('ls_storage_objects')
      .select('path')
      .where('bucket_id', '=', bucketId)
      .where((eb) => visible(eb, visibility));
    if (folder) query = query.where(startsWith('path', `${folder}/`));
    return (await query.execute()).map((r) => r.path);
  }

  /** The largest file size in the bucket (0 when empty). */
  async largestSize(bucketId: string): Promise<number> {
    const row = await this.db
      .selectFrom('ls_storage_objects')
      .select(sql<number | string | null>`max(size)`.as('size'))
      .where('bucket_id', '=', bucketId)
      .executeTakeFirst();
    return toNumber(row?.size ?? null);
  }

  /** Inserts a file; false when its key is taken. */
  async insert(file: StoredFile): Promise<boolean> {
    try {
      await this.db.insertInto('ls_storage_objects').values(toRow(file)).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Writes every field of `file` over its row. */
  async save(file: StoredFile): Promise<void> {
    const { id, ...fields } = toRow(file);
    await this.db.updateTable('ls_storage_objects').set(fields).where('id', '=', id).execute();
  }

  /** Deletes files by id (their signed URLs go with them). */
  async delete(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .deleteFrom('ls_storage_objects')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }
}
