/** Finding buckets and files by name, and checking keys, with the errors the spec documents. */
import { asHttpError, errors, HttpError } from '../../http/http-error';
import { ObjectNotFoundError, SizeLimitError, UnsafeKeyError } from '../../storage/backend';
import { keyProblem } from '../../storage/safe-key';
import type { FilePermissions } from './access';
import type { Bucket } from './buckets-store';
import type { StorageContext } from './context';
import type { StoredFile } from './objects-store';

/** Keys at a bucket's root that name actions (`…/files/move`), never files. */
export const RESERVED_KEYS = new Set(['move', 'copy', 'bulk-delete']);

/** Throws 400 VALIDATION_FAILED unless `key` is a safe key; `field` names it in the error. */
export function checkKey(key: string, field: string): string {
  const problem = keyProblem(key);
  if (problem) throw errors.validation([{ field, message: problem }]);
  return key;
}

/** Like `checkKey`, and refuses the reserved action names as file keys. */
export function checkFileKey(key: string, field: string): string {
  checkKey(key, field);
  if (RESERVED_KEYS.has(key))
    throw errors.validation([{ field, message: `${key} at a bucket's root is reserved for an action` }]);
  return key;
}

/** A folder path as sent (a trailing `/` dropped), checked like a key. */
export function checkFolder(path: string, field: string): string {
  return checkKey(path.endsWith('/') ? path.slice(0, -1) : path, field);
}

/** The bucket, or 404. */
export async function bucketOr404(ctx: StorageContext, name: string): Promise<Bucket> {
  const bucket = await ctx.buckets.byName(name);
  if (!bucket) throw errors.notFound(`Bucket ${name}`);
  return bucket;
}

/** The file at `key`, or 404. */
export async function fileOr404(ctx: StorageContext, bucket: Bucket, key: string): Promise<StoredFile> {
  const file = await ctx.objects.byPath(bucket.id, key);
  if (!file) throw errors.notFound(`File ${key} in bucket ${bucket.name}`);
  return file;
}

/** A file's permissions as the access rules read them. */
export function permissionsOf(file: StoredFile): FilePermissions {
  return { public: file.public, allowedRoles: file.allowedRoles, ownerId: file.ownerId };
}

/** The last segment of a key. */
export function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Whether `error` comes from the storage medium (disk, network, object store) rather than the request. */
export function isBackendFailure(error: unknown): boolean {
  const e = error as { $metadata?: unknown; syscall?: string; code?: string };
  return Boolean(e?.$metadata || e?.syscall || ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT'].includes(e?.code ?? ''));
}

/** Runs a backend call, turning its failures into the spec's errors (503 when the medium fails). */
export async function backendCall<T>(ctx: StorageContext, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (asHttpError(error) || error instanceof SizeLimitError) throw error;
    if (error instanceof ObjectNotFoundError) throw errors.notFound('The file content');
    if (error instanceof UnsafeKeyError) throw errors.validation([{ field: 'path', message: error.message }]);
    ctx.log.error({ err: error, what }, 'storage backend failure');
    throw new HttpError(503, 'UNAVAILABLE', 'The storage backend is not reachable; try again later.');
  }
}

/** Runs a cleanup whose failure only leaves unreachable bytes behind: logged, not thrown. */
export async function bestEffort(ctx: StorageContext, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    ctx.log.warn({ err: error, what }, 'storage cleanup failed; bytes left without metadata');
  }
}
