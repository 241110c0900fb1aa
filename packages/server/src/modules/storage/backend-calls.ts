/** Calls to the byte backend: its failures as the spec's errors, and cleanups that only log. */
import { asHttpError, errors } from '../../http/http-error';
import { ObjectNotFoundError, SizeLimitError, UnsafeKeyError } from '../../storage/backend';
import type { StorageContext } from './context';

/** Whether `error` comes from the storage medium (disk, network, object store) rather than the request. */
export function isBackendFailure(error: unknown): boolean {
  const e = error as { $metadata?: unknown; syscall?: string; code?: string };
  return Boolean(e?.$metadata || e?.syscall || ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT'].includes(e?.code ?? ''));
}

/** The 503 of a storage medium (disk, network, object store) that failed. */
export function backendUnavailable() {
  return errors.unavailable('The storage backend is not reachable; try again later.');
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
    throw backendUnavailable();
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
