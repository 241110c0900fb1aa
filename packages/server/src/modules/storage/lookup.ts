/** Finding a bucket or a file by name, and a file the caller may read or manage, with the errors the spec documents. */
import type { Caller } from '../../data/caller';
import { errors } from '../../http/http-error';
import { canManage, canRead, denied } from './access';
import type { Bucket } from './buckets/store';
import type { StorageContext } from './context';
import type { StoredFile } from './files/store';
import { checkKey } from './keys';

/** The bucket, or 404. */
export async function bucketOr404(ctx: StorageContext, name: string): Promise<Bucket> {
  const bucket = await ctx.buckets.byName(name);
  if (!bucket) throw errors.notFound(`Bucket ${name}`);
  return bucket;
}

/** The file at `key`, or 404. */
export async function fileOr404(ctx: StorageContext, bucket: Bucket, key: string): Promise<StoredFile> {
  const file = await ctx.files.byPath(bucket.id, key);
  if (!file) throw errors.notFound(`File ${key} in bucket ${bucket.name}`);
  return file;
}

/** A file the caller may read; 404, or 401/403 when it may not. */
export async function readableFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  checkKey(key, 'path.filePath');
  const bucket = await bucketOr404(ctx, bucketName);
  const file = await fileOr404(ctx, bucket, key);
  if (!canRead(caller, bucket.policy, file)) throw denied(caller, `You may not read ${key}.`);
  return { bucket, file };
}

/** A file the caller may manage (its owner, an admin); 404, or 401/403 when it may not. */
export async function managedFile(ctx: StorageContext, caller: Caller, bucketName: string, key: string) {
  checkKey(key, 'path.filePath');
  const bucket = await bucketOr404(ctx, bucketName);
  const file = await fileOr404(ctx, bucket, key);
  if (!canManage(caller, file)) throw denied(caller, `Only the owner of ${key} or an admin may do this.`);
  return { bucket, file };
}
