/** Removing files (a delete, a bulk delete, a folder's contents): metadata first, then bytes, then the events. */
import { bestEffort } from './backend-calls';
import type { Bucket } from './buckets/store';
import type { StorageContext } from './context';
import { objectsChanged } from './events';
import type { StoredFile } from './files/store';

/** Removes files' metadata (their signed URLs go with it), then their bytes. */
export async function removeFiles(ctx: StorageContext, bucket: Bucket, files: StoredFile[]): Promise<void> {
  await ctx.files.delete(files.map((f) => f.id));
  for (const file of files) await bestEffort(ctx, 'delete a file', () => ctx.backend.delete(bucket.name, file.path));
  await objectsChanged(ctx, 'deleted', bucket, files);
}
