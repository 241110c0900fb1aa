/**
 * The rules of uploads, in three steps so that a multipart body can be streamed before its
 * `path` field arrives: `planUpload` checks the bucket and access and computes the byte
 * limit; `stageUpload` streams the bytes to a staging name; `finishUpload` checks the key,
 * type, conflicts and quota, commits the bytes and writes the metadata. Any failure
 * discards the staged bytes, so nothing is left behind.
 */

import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { nowIso } from '../../../clock';
import type { Caller } from '../../../data/caller';
import { errors, HttpError } from '../../../http/http-error';
import { SizeLimitError, type StagedObject } from '../../../storage/backend';
import { essence, guessContentType, isAllowedType, OCTET_STREAM } from '../../../storage/mime-types';
import { canManage, canUpload, denied, ownerIdOf } from '../access';
import { backendCall, backendUnavailable, isBackendFailure } from '../backend-calls';
import type { Bucket } from '../buckets/store';
import type { StorageContext } from '../context';
import { objectsChanged } from '../events';
import type { StoredFile } from '../files/store';
import { checkNoClash } from '../key-clash';
import { checkFileKey, nameOf } from '../keys';
import { bucketOr404 } from '../lookup';
import { checkQuota, quotaExceeded, quotaRoom } from '../quota';
import type { FilePart, MultipartUpload } from './multipart';
import { uploadKey } from './upload-key';

/** An upload allowed to start: its bucket, its caller and its byte limits. */
interface UploadPlan {
  bucket: Bucket;
  caller: Caller;
  /** The file size limit (the bucket's, or the server's). */
  sizeLimit: number;
  /** What the stream may carry: the size limit, or less when a quota is nearly used up. */
  maxBytes: number;
}

/** What decides the key and type once the bytes are in. */
interface UploadTarget {
  key: string;
  contentType: string;
  upsert?: boolean;
  metadata?: Record<string, unknown>;
}

/** Checks the bucket and the caller's right to upload to it; computes the byte limits. */
async function planUpload(ctx: StorageContext, caller: Caller, bucketName: string): Promise<UploadPlan> {
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

/** 415 unless the bucket accepts `contentType`. */
function checkType(plan: UploadPlan, contentType: string): void {
  const allowed = plan.bucket.allowedMimeTypes;
  if (isAllowedType(contentType, allowed)) return;
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Bucket ${plan.bucket.name} accepts ${allowed?.join(', ') || 'no type'}; got ${essence(contentType)}.`,
  );
}

/** The error an upload's failure to stage answers: 413 past a limit, 503 when the medium fails. */
function stagingError(ctx: StorageContext, plan: UploadPlan, error: unknown): unknown {
  if (error instanceof SizeLimitError)
    return plan.maxBytes < plan.sizeLimit ? quotaExceeded(`bucket ${plan.bucket.name}`) : tooLarge(plan);
  if (error instanceof HttpError || !isBackendFailure(error)) return error;
  ctx.log.error({ err: error }, 'storage backend failure while staging an upload');
  return backendUnavailable();
}

/** Streams the bytes to a staging name within the plan's limit. */
async function stageUpload(
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

/** The type to store: the one sent, or the key's extension's when the one sent says nothing. */
function storedType(sent: string | undefined, key: string): string {
  const type = sent ? essence(sent) : OCTET_STREAM;
  return type === OCTET_STREAM ? guessContentType(key) : type;
}

async function commit(ctx: StorageContext, plan: UploadPlan, staged: StagedObject, target: UploadTarget) {
  const { bucket, caller } = plan;
  const existing = await ctx.files.byPath(bucket.id, target.key);
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
    await ctx.files.save(file);
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
  if (!(await ctx.files.insert(file))) throw errors.conflict(`${target.key} already exists in bucket ${bucket.name}.`);
  await objectsChanged(ctx, 'created', bucket, [file]);
  return { file, created: true };
}

/** Checks the key and type, then commits the staged bytes and writes the metadata; discards them on any failure. */
async function finishUpload(
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

/** What an upload in one call may say beyond its bytes. */
export interface UploadOptions {
  /** @default the key's extension's type */
  contentType?: string;
  /** Replace a file already at the key. @default false */
  upsert?: boolean;
  /** @default {} (a replaced file keeps its own) */
  metadata?: Record<string, unknown>;
}

/** Uploads `body` to `key` in one call (for other modules); the same checks as the HTTP upload. */
export async function upload(
  ctx: StorageContext,
  caller: Caller,
  bucketName: string,
  key: string,
  body: Readable,
  options: UploadOptions = {},
): Promise<{ file: StoredFile; created: boolean }> {
  checkFileKey(key, 'path');
  const plan = await planUpload(ctx, caller, bucketName);
  const contentType = storedType(options.contentType, key);
  checkType(plan, contentType);
  const staged = await stageUpload(ctx, plan, body, contentType);
  return finishUpload(ctx, plan, staged, { key, contentType, upsert: options.upsert, metadata: options.metadata });
}

/** Reads a multipart form, handing its file part to `onFile` as it arrives. */
export type FormReader = (
  onFile: (stream: Readable, part: FilePart) => Promise<StagedObject>,
) => Promise<MultipartUpload>;

/**
 * Uploads a form's file: the bucket and access are checked first, the file part streams to
 * staging as it arrives (a declared type refused before any byte is stored), and the key
 * the form names is chosen once every field is in.
 */
export async function uploadForm(ctx: StorageContext, caller: Caller, bucketName: string, readForm: FormReader) {
  const plan = await planUpload(ctx, caller, bucketName);
  const form = await readForm(async (stream, part) => {
    // A generic type waits for the key, whose extension may tell more.
    if (part.contentType !== OCTET_STREAM) checkType(plan, part.contentType);
    return stageUpload(ctx, plan, stream, part.contentType);
  });
  const { staged } = form.file;
  try {
    const key = await uploadKey(ctx, plan.bucket, form.path, form.file.filename);
    const contentType = storedType(form.file.contentType, key);
    const target = { key, contentType, upsert: form.upsert, metadata: form.metadata };
    return { bucket: plan.bucket, ...(await finishUpload(ctx, plan, staged, target)) };
  } finally {
    await staged.discard();
  }
}
