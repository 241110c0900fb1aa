/** The rules of buckets: list, read, create, update, delete, usage; admins only (checked here too). */
import type { components } from '@lockstep/contract';
import { type Caller, isPrivileged } from '../../../data/caller';
import { errors } from '../../../http/http-error';
import { bestEffort } from '../backend-calls';
import type { StorageContext } from '../context';
import { bucketChanged } from '../events';
import { bucketOr404 } from '../lookup';
import { effectiveLimit } from './effective-limit';
import { settingsFrom } from './settings';
import type { Bucket, BucketUsage } from './store';

type Schemas = components['schemas'];

function requireAdmin(caller: Caller): void {
  if (caller.kind === 'anon') throw errors.unauthenticated();
  if (!isPrivileged(caller)) throw errors.forbidden('Managing buckets needs the admin role.');
}

/** A bucket with its usage as `StorageBucket`: `public` and `policy` are two views of one setting. */
export function toStorageBucket(bucket: Bucket, usage: BucketUsage): Schemas['StorageBucket'] {
  return {
    id: bucket.id,
    name: bucket.name,
    public: bucket.policy === 'public',
    policy: bucket.policy,
    file_size_limit: bucket.fileSizeLimit,
    allowed_mime_types: bucket.allowedMimeTypes,
    quota_bytes: bucket.quotaBytes,
    created_at: bucket.createdAt,
    updated_at: bucket.updatedAt,
    file_count: usage.files,
    total_size: usage.bytes,
  };
}

async function withUsage(ctx: StorageContext, bucket: Bucket) {
  return toStorageBucket(bucket, await ctx.buckets.usage(bucket.id));
}

/** A page of buckets with their usage, and the total. */
export async function listBuckets(ctx: StorageContext, caller: Caller, limit: number, offset: number) {
  requireAdmin(caller);
  const { rows, total } = await ctx.buckets.list(limit, offset);
  return { buckets: rows.map((b) => toStorageBucket(b, b)), total };
}

/** One bucket with its usage; 404 when unknown. */
export async function getBucket(ctx: StorageContext, caller: Caller, name: string) {
  requireAdmin(caller);
  return withUsage(ctx, await bucketOr404(ctx, name));
}

/** Creates an empty bucket (clearing any bytes a deleted bucket of that name left behind); 409 when taken. */
export async function createBucket(ctx: StorageContext, caller: Caller, input: Schemas['StorageBucketCreate']) {
  requireAdmin(caller);
  const settings = settingsFrom(input);
  if (await ctx.buckets.byName(input.name)) throw errors.conflict(`A bucket named ${input.name} already exists.`);
  const bucket = await ctx.buckets.create(input.name, settings);
  if (!bucket) throw errors.conflict(`A bucket named ${input.name} already exists.`);
  await bestEffort(ctx, 'clear leftovers of a new bucket', () => ctx.backend.deleteBucket(bucket.name));
  await bucketChanged(ctx, 'created', bucket.name);
  return toStorageBucket(bucket, { files: 0, bytes: 0 });
}

/** Changes a bucket's policy and limits; files already stored are kept. */
export async function updateBucket(
  ctx: StorageContext,
  caller: Caller,
  name: string,
  input: Schemas['StorageBucketUpdate'],
) {
  requireAdmin(caller);
  const bucket = await bucketOr404(ctx, name);
  await ctx.buckets.update(bucket.id, settingsFrom(input, bucket));
  return withUsage(ctx, await bucketOr404(ctx, name));
}

/** Deletes the bucket's metadata (files, folders, signed URLs cascade), then its bytes. */
export async function deleteBucket(ctx: StorageContext, caller: Caller, name: string): Promise<void> {
  requireAdmin(caller);
  const bucket = await bucketOr404(ctx, name);
  await ctx.buckets.delete(bucket.id);
  await bestEffort(ctx, 'delete a bucket', () => ctx.backend.deleteBucket(bucket.name));
  await bucketChanged(ctx, 'deleted', bucket.name);
}

/** A bucket's usage under the dashboard's and the old backend's names. */
export async function bucketStats(ctx: StorageContext, caller: Caller, name: string) {
  requireAdmin(caller);
  const bucket = await bucketOr404(ctx, name);
  const usage = await ctx.buckets.usage(bucket.id);
  const limit = await effectiveLimit(ctx, usage.bytes, bucket.quotaBytes);
  return {
    total_files: usage.files,
    total_size: usage.bytes,
    quota_used: usage.bytes,
    quota_limit: limit.bytes,
    quota_set: bucket.quotaBytes !== null,
    quota_limit_source: limit.source,
    file_count: usage.files,
    largest_file: usage.largest,
  };
}

/** Usage of the whole server against its limit. */
export async function storageQuota(ctx: StorageContext, caller: Caller) {
  requireAdmin(caller);
  const totals = await ctx.buckets.totals();
  const limit = await effectiveLimit(ctx, totals.bytes, ctx.limits.quota);
  return {
    used_bytes: totals.bytes,
    limit_bytes: limit.bytes,
    limit_set: ctx.limits.quota !== null,
    limit_source: limit.source === 'quota' ? ('server' as const) : limit.source,
    buckets_count: totals.buckets,
    files_count: totals.files,
  };
}
