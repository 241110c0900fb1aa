/**
 * `client.storage.from('avatars')`: the files of one bucket, the way supabase-js users write it:
 * `upload` (with progress), `download`, `list`, `remove`, `createSignedUrl`, `getPublicUrl`.
 */
import { operations } from '@lockstep/contract';
import type { CallOperation, CallResult } from '../call';
import { encodeKeyPath } from '../path-tail';
import { multipart } from './multipart';
import { type ProgressCallback, UPLOAD_HEADER, type UploadRegistry } from './upload-progress';

/** What `upload()` takes: a Blob or File, bytes, or text. */
export type UploadBody = Blob | ArrayBuffer | ArrayBufferView | string;

/** Options of `upload()`. */
export interface UploadOptions {
  /**
   * Replace the file when the key exists, instead of answering 409.
   * @default false
   */
  upsert?: boolean;
  /**
   * The file's content type.
   * @default the Blob's type, else guessed by the server from the key's extension
   */
  contentType?: string;
  /** Called as bytes go out: in browsers through XMLHttpRequest, in Node as the body stream is read. */
  onProgress?: ProgressCallback;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/** Options of `list()`. */
export interface ListOptions {
  /** @default 50 */
  limit?: number;
  /** @default 0 */
  offset?: number;
  /** Only files whose name contains this text. */
  search?: string;
}

/** One bucket's files. */
export interface BucketClient {
  /**
   * Stores `file` under `path` (a full key such as `users/42/avatar.png`).
   * @example
   * const { data, error } = await client.storage.from('avatars').upload('me.png', file, { onProgress: ({ loaded, total }) => bar(loaded / total) });
   */
  upload(path: string, file: UploadBody, options?: UploadOptions): Promise<CallResult<'uploadFile'>>;
  /** The file's bytes, as a Blob. */
  download(path: string): Promise<CallResult<'downloadFile', 'blob'>>;
  /** The files under `prefix` (a folder such as `users/42/`), or all of them. */
  list(prefix?: string, options?: ListOptions): Promise<CallResult<'listFiles'>>;
  /** Deletes files by key; answers which were deleted and which failed. */
  remove(paths: string[]): Promise<CallResult<'bulkDelete'>>;
  /** A URL anyone may download the file from until it expires (`expiresIn` seconds). */
  createSignedUrl(path: string, expiresIn?: number): Promise<CallResult<'createSignedUrl'>>;
  /** The URL of the file in a public bucket; no request is made. */
  getPublicUrl(path: string): { data: { publicUrl: string } };
}

function toBlob(file: UploadBody, contentType?: string): Blob {
  if (file instanceof Blob) return contentType ? new Blob([file], { type: contentType }) : file;
  return new Blob([file as BlobPart], contentType ? { type: contentType } : {});
}

function filenameOf(path: string, file: UploadBody): string {
  if (typeof File !== 'undefined' && file instanceof File && file.name) return file.name;
  return path.split('/').filter(Boolean).pop() ?? 'file';
}

/** Builds the client of bucket `bucketName`; `baseUrl` makes public URLs. */
export function bucketClient(
  call: CallOperation,
  uploads: UploadRegistry,
  baseUrl: string,
  bucketName: string,
): BucketClient {
  const file = (filePath: string) => ({ path: { bucketName, filePath } });
  return {
    async upload(path, body, { upsert = false, contentType, onProgress, signal } = {}) {
      const fields = { path, upsert: String(upsert) };
      const form = multipart(fields, toBlob(body, contentType), filenameOf(path, body));
      const registered = onProgress ? uploads.add(form.body, onProgress) : undefined;
      const headers: Record<string, string> = { 'content-type': form.contentType };
      if (registered) headers[UPLOAD_HEADER] = registered.id;
      try {
        return await call('uploadFile', {
          params: { path: { bucketName } },
          body: form.body as never,
          headers,
          signal,
        });
      } finally {
        registered?.done();
      }
    },
    download: (path) => call('downloadFile', { params: file(path), parseAs: 'blob' }),
    list: (prefix, { limit, offset, search } = {}) =>
      call('listFiles', {
        params: { path: { bucketName }, query: { prefix: prefix || undefined, limit, offset, search } },
      }),
    remove: (paths) => call('bulkDelete', { params: { path: { bucketName } }, body: { paths } }),
    createSignedUrl: (path, expiresIn) =>
      call('createSignedUrl', { params: file(path), body: expiresIn === undefined ? {} : { expires_in: expiresIn } }),
    getPublicUrl(path) {
      const route = operations.downloadPublicFile.path
        .replace('{bucketName}', encodeURIComponent(bucketName))
        .replace('{filePath}', encodeKeyPath(path));
      return { data: { publicUrl: `${baseUrl.replace(/\/+$/, '')}${route}` } };
    },
  };
}
