/**
 * The storage module as other modules reach it (`services.storage`): its context, which the
 * areas' services take first, and an upload and a download with every check of the HTTP
 * routes (the unified operation uses them).
 *
 * @example
 * const { file } = await services.storage.upload(caller, 'avatars', 'users/42/a.png', stream, { contentType: 'image/png' });
 * const download = await services.storage.download(caller, 'avatars', 'users/42/a.png');
 */
import type { Readable } from 'node:stream';
import type { Caller } from '../../data/caller';
import type { StorageContext } from './context';
import { type Download, type DownloadConditions, download } from './downloads/service';
import type { StoredFile } from './files/store';
import { type UploadOptions, upload } from './uploads/service';

/** The storage module of one server. */
export interface StorageService {
  /** The stores, byte backend, limits and signing secret every storage operation works with. */
  readonly context: StorageContext;
  /** Stores `body` at `key` for `caller`, with every check of the HTTP upload (access, size, type, quota, conflicts). */
  upload(
    caller: Caller,
    bucket: string,
    key: string,
    body: Readable,
    options?: UploadOptions,
  ): Promise<{ file: StoredFile; created: boolean }>;
  /** The bytes of `key` for a caller who may read it (401 or 403 otherwise), honouring Range and If-None-Match. */
  download(caller: Caller, bucket: string, key: string, conditions?: DownloadConditions): Promise<Download>;
  /** Releases the backend's connections. */
  close(): Promise<void>;
}

/** The storage module over `context`. */
export function createStorageService(context: StorageContext): StorageService {
  return {
    context,
    upload: (caller, bucket, key, body, options) => upload(context, caller, bucket, key, body, options),
    download: (caller, bucket, key, conditions) => download(context, caller, bucket, key, conditions),
    close: () => context.backend.close(),
  };
}
