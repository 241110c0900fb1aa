/**
 * The stored objects of a restore, in two steps around the database transaction: before it,
 * every object of the archive is staged in the storage backend (invisible, nothing
 * replaced); after it commits, the staged objects are committed under their keys and the
 * objects the restored metadata no longer names are removed. A restore that fails before
 * the commit discards the staged bytes and leaves the objects as they were.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { StagedObject, StorageBackend } from '../../storage/backend';
import { internalEntry, objectEntry } from './dump';
import { readJsonLines } from './json-lines';

interface Target {
  bucket: string;
  key: string;
}

/** Objects staged for a restore. */
export class StagedObjects {
  private readonly staged: { object: StagedObject; target: Target }[] = [];
  private readonly wanted = new Map<string, Set<string>>();

  constructor(private readonly backend: StorageBackend) {}

  /** Stages every object named by the extracted `ls_storage_objects` rows found in `dir`. */
  async stageFrom(dir: string, present: ReadonlySet<string>): Promise<void> {
    const buckets = new Map<string, string>();
    for await (const b of readJsonLines<{ id: string; name: string }>(join(dir, internalEntry('ls_storage_buckets'))))
      buckets.set(b.id, b.name);
    for (const name of buckets.values()) this.wanted.set(name, new Set());
    const rows = readJsonLines<{
      id: string;
      bucket_id: string;
      path: string;
      size: number | string;
      content_type: string;
    }>(join(dir, internalEntry('ls_storage_objects')));
    for await (const row of rows) {
      const bucket = buckets.get(row.bucket_id);
      if (!bucket || !present.has(objectEntry(row.id))) continue;
      const object = await this.backend.stage(createReadStream(join(dir, objectEntry(row.id))), {
        maxBytes: Number(row.size) + 1,
        contentType: row.content_type,
      });
      this.staged.push({ object, target: { bucket, key: row.path } });
      this.wanted.get(bucket)?.add(row.path);
    }
  }

  /** Makes the staged objects visible, then removes what the restored metadata does not name. */
  async commit(bucketsBefore: string[]): Promise<void> {
    for (const { object, target } of this.staged) await object.commit(target.bucket, target.key);
    for (const bucket of new Set([...bucketsBefore, ...this.wanted.keys()])) {
      const keep = this.wanted.get(bucket);
      if (!keep) {
        await this.backend.deleteBucket(bucket);
        continue;
      }
      for (const key of await this.backend.list(bucket)) if (!keep.has(key)) await this.backend.delete(bucket, key);
    }
  }

  /** Removes every staged object (a restore that failed). */
  async discard(): Promise<void> {
    for (const { object } of this.staged) await object.discard().catch(() => undefined);
  }
}
