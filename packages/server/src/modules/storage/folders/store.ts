/** Folders made with `createFolder` (`ls_storage_folders`); folders implied by keys have no row. */
import type { Kysely } from 'kysely';
import { nowIso } from '../../../clock';
import type { Tables } from '../../../db/tables';
import { isUniqueViolation, startsWith } from '../portable-sql';

/** Reads and writes `ls_storage_folders`. */
export class FoldersStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async exists(bucketId: string, path: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('ls_storage_folders')
      .select('path')
      .where('bucket_id', '=', bucketId)
      .where('path', '=', path)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Creates a folder; false when it exists. */
  async create(bucketId: string, path: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('ls_storage_folders')
        .values({ bucket_id: bucketId, path, created_at: nowIso() })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The folder paths under `folder` at any depth (every one without it). */
  async under(bucketId: string, folder?: string): Promise<string[]> {
    let query = this.db.selectFrom('ls_storage_folders').select('path').where('bucket_id', '=', bucketId);
    if (folder) query = query.where(startsWith('path', `${folder}/`));
    return (await query.execute()).map((r) => r.path);
  }

  /** Deletes the folder `path` and every folder under it; how many rows went. */
  async deleteTree(bucketId: string, path: string): Promise<number> {
    const result = await this.db
      .deleteFrom('ls_storage_folders')
      .where('bucket_id', '=', bucketId)
      .where((eb) => eb.or([eb('path', '=', path), startsWith('path', `${path}/`)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
