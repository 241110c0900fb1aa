/**
 * Uploads in three steps, so that a multipart body can be streamed before its `path` field
 * arrives: `planUpload` checks the bucket and access and computes the byte limit;
 * `stageUpload` streams the bytes to a staging name; `finishUpload` picks the key, checks
 * type, conflicts and quota, commits the bytes and writes the metadata. Any failure
 * discards the staged bytes, so nothing is left behind.
 */

import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { nowIso } from '../../clock';
import type { Caller } from '../../data/caller';
import { errors, HttpError } from '../../http/http-error';
import { SizeLimitError, type StagedObject } from '../../storage/backend';
import { essence, guessContentType, isAllowedType, OCTET_STREAM } from '../../storage/mime-types';
import { canManage, canUpload, denied, ownerIdOf } from './access';
import type { Bucket } from './buckets-store';
import type { StorageContext } from './context';
import { backendCall, bucketOr404, checkFileKey, isBackendFailure, nameOf } from './lookup';
import { objectsChanged } from './object-events';
import type { StoredFile } from './objects-store';

/** An upload allowed to start: its bucket, its caller and its byte limits. */
export interface UploadPlan {
  bucket: Bucket;
  caller: Caller;
  /** The file size limit (the bucket's, or the server's). */
  sizeLimit: number;
  /** What the stream may carry: the size limit, or less when a quota is nearly used up. */
  maxBytes: number;
}

/** What decides the key and type once the bytes are in. */
export interface UploadTarget {
  key: string;
  contentType: string;
  upsert?: boolean;
  metadata?: Record<string, unknown>;
}

async function quotaRoom(ctx: StorageContext, bucket: Bucket): Promise<number> {
  if (bucket.quotaBytes === null && ctx.limits.quota === null) return Number.POSITIVE_INFINITY;
  // A replaced file frees its bytes, so the stream may carry up to the largest file more.
  const credit = await ctx.objects.largestSize(bucket.id);
  let room = Number.POSITIVE_INFINITY;
  if (bucket.quotaBytes !== null) room = bucket.quotaBytes - (await ctx.buckets.usage(bucket.id)).bytes + credit;
  if (ctx.limits.quota !== null) room = Math.min(room, ctx.limits.quota - (await ctx.buckets.totals()).bytes + credit);
  return Math.max(0, room);
}

/** Checks the bucket and the caller's right to upload to it; computes the byte limits. */
export async function planUpload(ctx: StorageContext, caller: Caller, bucketName: string): Promise<UploadPlan> {
  const bucket = await bucketOr404(ctx, bucketName);
  if (!canUpload(caller, bucket.policy)) throw denied(caller, `You may not upload to bucket ${bucket.name}.`);
  const sizeLimit = Math.min(bucket.fileSizeLimit ?? ctx.limits.upload, ctx.limits.upload);
  return { bucket, caller, sizeLimit, maxBytes: Math.min(sizeLimit, await quotaRoom(ctx, bucket)) };
}

function tooLarge(plan: UploadPlan): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the limit of bucket ${plan.bucket.name}: ${plan.sizeLimit} bytes.`,
  );
}

function quotaExceeded(what: string): HttpError {
  return new HttpError(413, 'QUOTA_EXCEEDED', `The file would exceed the storage quota of ${what}.`);
}

/** 415 unless the bucket accepts `contentType`. */
export function checkType(plan: UploadPlan, contentType: string): void {
  const allowed = plan.bucket.allowedMimeTypes;
  if (isAllowedType(contentType, allowed)) return;
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Bucket ${plan.bucket.name} accepts ${allowed?.join(', ') || 'no type'}; got ${essence(contentType)}.`,
  );
}

/** The error an upload's failure to stage answers: 413 past a limit, 503 when the medium fails. */
export function stagingError(ctx: StorageContext, plan: UploadPlan, error: unknown): unknown {
  if (error instanceof SizeLimitError)
    return plan.maxBytes < plan.sizeLimit ? quotaExceeded(`bucket ${plan.bucket.name}`) : tooLarge(plan);
  if (error instanceof HttpError || !isBackendFailure(error)) return error;
  ctx.log.error({ err: error }, 'storage backend failure while staging an upload');
  return new HttpError(503, 'UNAVAILABLE', 'The storage backend is not reachable; try again later.');
}

/** Streams the bytes to a staging name within the plan's limit. */
export async function stageUpload(
  ctx: StorageContext,
  plan: UploadPlan,
  body: Readable,
  contentType?: string,
): Promise<StagedObject> {
  try {
    return await ctx.backend.stage(body, { maxBytes: plan.maxBytes, contentType });
  } catch (error) {
    throw stagingError(ctx, plan, error);
  }
}

/** The ancestors of a key: `a` and `a/b` for `a/b/c`. */
function ancestorsOf(key: string): string[] {
  const parts = key.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Whether `path` is a folder: made with `createFolder`, or holding files. */
export async function isFolder(ctx: StorageContext, bucket: Bucket, path: string): Promise<boolean> {
  return (await ctx.folders.exists(bucket.id, path)) || (await ctx.objects.anyUnder(bucket.id, path));
}

/** 409 when `key` is a folder, or one of its ancestors is a file: a key is either, never both. */
export async function checkNoClash(ctx: StorageContext, bucket: Bucket, key: string): Promise<void> {
  if (await isFolder(ctx, bucket, key)) throw errors.conflict(`${key} is a folder in bucket ${bucket.name}.`);
  for (const ancestor of ancestorsOf(key)) {
    if (await ctx.objects.byPath(bucket.id, ancestor))
      throw errors.conflict(`${ancestor} is a file in bucket ${bucket.name}, so it cannot hold ${key}.`);
  }
}

/** 413 QUOTA_EXCEEDED when adding `delta` bytes to the bucket would pass its quota or the server's. */
export async function checkQuota(ctx: StorageContext, bucket: Bucket, delta: number): Promise<void> {
  if (delta <= 0) return;
  if (bucket.quotaBytes !== null && (await ctx.buckets.usage(bucket.id)).bytes + delta > bucket.quotaBytes)
    throw quotaExceeded(`bucket ${bucket.name} (${bucket.quotaBytes} bytes)`);
  if (ctx.limits.quota !== null && (await ctx.buckets.totals()).bytes + delta > ctx.limits.quota)
    throw quotaExceeded(`the server (${ctx.limits.quota} bytes)`);
}

/** The type to store: the one sent, or the key's extension's when the one sent says nothing. */
export function storedType(sent: string | undefined, key: string): string {
  const type = sent ? essence(sent) : OCTET_STREAM;
  return type === OCTET_STREAM ? guessContentType(key) : type;
}

async function commit(ctx: StorageContext, plan: UploadPlan, staged: StagedObject, target: UploadTarget) {
  const { bucket, caller } = plan;
  const existing = await ctx.objects.byPath(bucket.id, target.key);
  if (existing && !target.upsert)
    throw errors.conflict(`${target.key} already exists in bucket ${bucket.name}; send upsert: true to replace it.`);
  if (existing && !canManage(caller, existing)) throw denied(caller, `You may not replace ${target.key}.`);
  if (!existing) await checkNoClash(ctx, bucket, target.key);
  await checkQuota(ctx, bucket, staged.size - (existing?.size ?? 0));
  await backendCall(ctx, 'commit an upload', () => staged.commit(bucket.name, target.key));
  const now = nowIso();
  const stored = { size: staged.size, etag: staged.etag, contentType: target.contentType, updatedAt: now };
  if (existing) {
    const file: StoredFile = { ...existing, ...stored, metadata: target.metadata ?? existing.metadata };
    await ctx.objects.save(file);
    await objectsChanged(ctx, 'created', bucket, [file]);
    return { file, created: false };
  }
  const file: StoredFile = {
    id: randomUUID(),
    bucketId: bucket.id,
    path: target.key,
    name: nameOf(target.key),
    ...stored,
    ownerId: ownerIdOf(caller),
    metadata: target.metadata ?? {},
    public: false,
    allowedRoles: [],
    createdAt: now,
  };
  if (!(await ctx.objects.insert(file)))
    throw errors.conflict(`${target.key} already exists in bucket ${bucket.name}.`);
  await objectsChanged(ctx, 'created', bucket, [file]);
  return { file, created: true };
}

/** Checks the key and type, then commits the staged bytes and writes the metadata; discards them on any failure. */
export async function finishUpload(
  ctx: StorageContext,
  plan: UploadPlan,
  staged: StagedObject,
  target: UploadTarget,
): Promise<{ file: StoredFile; created: boolean }> {
  try {
    checkFileKey(target.key, 'body.path');
    checkType(plan, target.contentType);
    if (staged.size > plan.sizeLimit) throw tooLarge(plan);
    return await ctx.locks.with(plan.bucket.name, [target.key], () => commit(ctx, plan, staged, target));
  } finally {
    await staged.discard();
  }
}

/**
 * The key of an uploaded file from the form's `path` and the part's filename: inside `path`
 * when it ends with `/`, names a folder, or reads as one ({@link namesFolderByShape}); `path`
 * itself otherwise; the filename without it.
 */
export async function uploadKey(
  ctx: StorageContext,
  plan: UploadPlan,
  path: string | undefined,
  filename: string,
): Promise<string> {
  const inside = (folder: string) => {
    if (!filename)
      throw errors.validation([{ field: 'body.file', message: 'has no filename; send a full key in path' }]);
    return folder ? `${folder}/${filename}` : filename;
  };
  if (path === undefined || path === '') return inside('');
  if (path.endsWith('/')) return inside(path.slice(0, -1));
  checkFileKey(path, 'body.path');
  if (namesFolderByShape(path, filename)) return inside(path);
  return (await isFolder(ctx, plan.bucket, path)) ? inside(path) : path;
}

const hasExtension = (name: string) => /.\.[^./]+$/.test(name);

/**
 * Whether `path` reads as a folder for a file named `filename`: its last segment has no
 * extension while the filename has one (the dashboard's `bulkUpload` sends `path=bulk` with
 * `a.txt`, `b.txt`, ...), and it is not the filename itself.
 */
export function namesFolderByShape(path: string, filename: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last !== filename && !hasExtension(last) && hasExtension(filename);
}

/** Uploads `body` to `key` in one call (for other modules); the same checks as the HTTP upload. */
export async function upload(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  body: Readable,
  options: { contentType?: string; upsert?: boolean; metadata?: Record<string, unknown> } = {},
): Promise<{ file: StoredFile; created: boolean }> {
  checkFileKey(key, 'path');
  const plan = await planUpload(ctx, caller, bucketName);
  const contentType = storedType(options.contentType, key);
  checkType(plan, contentType);
  const staged = await stageUpload(ctx, plan, body, contentType);
  return finishUpload(ctx, plan, staged, { key, contentType, upsert: options.upsert, metadata: options.metadata });
}
