/** A key names a file or a folder, never both: the check every write of a new key makes. */
import { errors } from '../../http/http-error';
import type { Bucket } from './buckets/store';
import type { StorageContext } from './context';

/** The ancestors of a key: `a` and `a/b` for `a/b/c`. */
function ancestorsOf(key: string): string[] {
  const parts = key.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Whether `path` is a folder: made with `createFolder`, or holding files. */
export async function isFolder(ctx: StorageContext, bucket: Bucket, path: string): Promise<boolean> {
  return (await ctx.folders.exists(bucket.id, path)) || (await ctx.files.anyUnder(bucket.id, path));
}

/** 409 when `key` is a folder, or one of its ancestors is a file: a key is either, never both. */
export async function checkNoClash(ctx: StorageContext, bucket: Bucket, key: string): Promise<void> {
  if (await isFolder(ctx, bucket, key)) throw errors.conflict(`${key} is a folder in bucket ${bucket.name}.`);
  for (const ancestor of ancestorsOf(key)) {
    if (await ctx.files.byPath(bucket.id, ancestor))
      throw errors.conflict(`${ancestor} is a file in bucket ${bucket.name}, so it cannot hold ${key}.`);
  }
}
