/**
 * Where file bytes live. A backend stores objects by bucket and key and knows nothing of
 * metadata, owners or permissions (the database holds those). Every write lands under a
 * staging name first and is committed by a rename or a server-side copy, so a failed or
 * refused upload leaves nothing behind.
 */
import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP `Range` names it. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What a write produced. */
export interface StoredObject {
  /** Bytes written. */
  size: number;
  /** Strong entity tag, quotes included: the MD5 of the bytes. */
  etag: string;
}

/** Bytes received under a staging name, not yet visible under any key. */
export interface StagedObject extends StoredObject {
  /** Makes the bytes the object `key` of `bucket`, replacing what was there. */
  commit(bucket: string, key: string): Promise<void>;
  /** Removes the staged bytes; safe to call twice or after a commit. */
  discard(): Promise<void>;
}

/** How to write one object. */
export interface PutOptions {
  /** The upload fails with `SizeLimitError` past this many bytes. */
  maxBytes: number;
  /** Kept with the object where the backend can (S3). @default 'application/octet-stream' */
  contentType?: string;
}

/** The operations every storage backend offers. */
export interface StorageBackend {
  readonly kind: 'local' | 's3';
  /**
   * Prepares the backend (creates the root directory or the S3 bucket), removes what
   * uploads cut short by a crash left in staging, and sweeps staging periodically.
   */
  init(): Promise<void>;
  /** Removes staged objects untouched for `idleMs` (left by uploads cut short); answers how many. */
  sweepStaging(idleMs: number): Promise<number>;
  /** Streams `body` to a staging name, enforcing `maxBytes` as it goes. */
  stage(body: Readable, options: PutOptions): Promise<StagedObject>;
  /** Streams `body` to `key`: staged, then committed; nothing is left behind on failure. */
  put(bucket: string, key: string, body: Readable, options: PutOptions): Promise<StoredObject>;
  /** The object's bytes, or a range of them; `ObjectNotFoundError` when it does not exist. */
  get(bucket: string, key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or undefined when it does not exist. */
  head(bucket: string, key: string): Promise<{ size: number } | undefined>;
  /** Removes the object; no error when it does not exist. */
  delete(bucket: string, key: string): Promise<void>;
  /** Copies `from` to `to` in the same bucket, replacing `to`. */
  copy(bucket: string, from: string, to: string): Promise<void>;
  /** Moves `from` to `to` in the same bucket, replacing `to`. */
  move(bucket: string, from: string, to: string): Promise<void>;
  /** Every key of the bucket, optionally under `prefix`, sorted. */
  list(bucket: string, prefix?: string): Promise<string[]>;
  /** Removes every object of the bucket. */
  deleteBucket(bucket: string): Promise<void>;
  /** Everything the medium holds, staging included, as `<bucket>/<key>` (audits and tests). */
  inventory(): Promise<string[]>;
  /** Releases connections. */
  close(): Promise<void>;
  /** The bytes still free on the medium, when it has a bound (a local volume); absent for object stores. */
  freeBytes?(): Promise<number>;
}

/** Staged bytes untouched this long at start-up belong to an upload a crash cut short. */
export const STARTUP_STAGING_GRACE_MS = 60_000;
/** While running, staged bytes untouched this long are swept (a live upload writes all the time). */
export const STAGING_IDLE_MS = 3600_000;
/** How often a running server sweeps staging. */
export const STAGING_SWEEP_EVERY_MS = 600_000;

/** Runs `sweep` every `STAGING_SWEEP_EVERY_MS` without keeping the process alive; call the answer to stop. */
export function sweepPeriodically(sweep: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void sweep().catch(() => undefined), STAGING_SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** An upload went past its byte limit; nothing was kept. */
export class SizeLimitError extends Error {
  override name = 'SizeLimitError';
  constructor(readonly limit: number) {
    super(`The upload is larger than ${limit} bytes.`);
  }
}

/** The object does not exist in the backend. */
export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
  constructor(bucket: string, key: string) {
    super(`No object ${key} in bucket ${bucket}.`);
  }
}

/** A key or bucket name the backend refuses to touch (it would leave its root). */
export class UnsafeKeyError extends Error {
  override name = 'UnsafeKeyError';
}

/** Stages then commits; used by every backend's `put`. */
export async function stageAndCommit(
  backend: StorageBackend,
  bucket: string,
  key: string,
  body: Readable,
  options: PutOptions,
): Promise<StoredObject> {
  const staged = await backend.stage(body, options);
  try {
    await staged.commit(bucket, key);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  return { size: staged.size, etag: staged.etag };
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Throws unless `bucket` is a valid bucket name (it becomes a directory or a key prefix). */
export function assertBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket)) throw new UnsafeKeyError(`Invalid bucket name: ${JSON.stringify(bucket)}.`);
}
