/** The storage module's events (`storage.bucket.*`, `storage.object.*`) with the data the webhooks spec gives them. */
import type { StorageContext } from './context';

interface EventFile {
  path: string;
  size: number;
  contentType: string;
}

/** Tells that files were created (uploaded, copied, moved in) or deleted (or moved out) in `bucket`. */
export async function objectsChanged(
  ctx: StorageContext,
  what: 'created' | 'deleted',
  bucket: { name: string },
  files: EventFile[],
): Promise<void> {
  for (const f of files) {
    const data = { bucket: bucket.name, path: f.path, size: f.size, content_type: f.contentType };
    await ctx.events.emit(`storage.object.${what}`, data);
  }
}

/** Tells that a bucket was created or deleted. */
export async function bucketChanged(ctx: StorageContext, what: 'created' | 'deleted', bucket: string): Promise<void> {
  await ctx.events.emit(`storage.bucket.${what}`, { bucket });
}
