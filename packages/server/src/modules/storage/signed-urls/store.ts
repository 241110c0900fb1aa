/** Signed URLs (`ls_storage_signed_urls`), kept so they can be listed and revoked. */
import type { Kysely } from 'kysely';
import { nowIso } from '../../../clock';
import type { Tables } from '../../../db/tables';
import { toNumber } from '../portable-sql';

/** A signed URL's row with the file and bucket it was made for. */
export interface SignedUrlRecord {
  id: string;
  objectId: string;
  path: string;
  bucket: string;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Reads and writes `ls_storage_signed_urls`. */
export class SignedUrlsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(row: { id: string; objectId: string; expiresAt: string; createdBy: string | null }): Promise<string> {
    const createdAt = nowIso();
    await this.db
      .insertInto('ls_storage_signed_urls')
      .values({
        id: row.id,
        object_id: row.objectId,
        expires_at: row.expiresAt,
        created_by: row.createdBy,
        created_at: createdAt,
        revoked_at: null,
      })
      .execute();
    return createdAt;
  }

  /** The URL with its file's current key and bucket, or undefined. */
  async byId(id: string): Promise<SignedUrlRecord | undefined> {
    const row = await this.db
      .selectFrom('ls_storage_signed_urls as u')
      .innerJoin('ls_storage_objects as o', 'o.id', 'u.object_id')
      .innerJoin('ls_storage_buckets as b', 'b.id', 'o.bucket_id')
      .select(['u.id', 'u.object_id', 'u.expires_at', 'u.created_at', 'u.revoked_at', 'o.path', 'b.name as bucket'])
      .where('u.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      objectId: row.object_id,
      path: row.path,
      bucket: row.bucket,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    };
  }

  /** A page of the file's live URLs (neither revoked nor expired), newest first, and their count. */
  async live(objectId: string, limit: number, offset: number) {
    const query = this.db
      .selectFrom('ls_storage_signed_urls')
      .where('object_id', '=', objectId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso());
    const rows = await query
      .select(['id', 'expires_at', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const { n } = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: toNumber(n) };
  }

  /** Revokes one of the file's URLs; false when the file has no URL with this id. */
  async revoke(id: string, objectId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('ls_storage_signed_urls')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .where('object_id', '=', objectId)
      .executeTakeFirst();
    if (!row) return false;
    if (row.revoked_at === null)
      await this.db.updateTable('ls_storage_signed_urls').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
    return true;
  }

  /** Revokes every URL of a file (it moved). */
  async revokeAll(objectId: string): Promise<void> {
    await this.db
      .updateTable('ls_storage_signed_urls')
      .set({ revoked_at: nowIso() })
      .where('object_id', '=', objectId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
