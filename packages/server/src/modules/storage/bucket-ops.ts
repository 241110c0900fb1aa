/** Buckets: list, read, create, update, delete, usage. Admins only (checked here too). */

import type { components } from '@lockstep/contract';
import { type Caller, isPrivileged } from '../../data/caller';
import { errors } from '../../http/http-error';
import type { Policy } from './access';
import type { Bucket, BucketSettings } from './buckets-store';
import type { StorageContext } from './context';
import { effectiveLimit } from './effective-limit';
import { bestEffort, bucketOr404 } from './lookup';
import { bucketChanged } from './object-events';
import { toStorageBucket } from './serialize';

type Schemas = components['schemas'];
type SettingsInput = Schemas['StorageBucketCreate'] | Schemas['StorageBucketUpdate'];

function requireAdmin(caller: Caller): void {
  if (caller.kind === 'anon') throw errors.unauthenticated();
  if (!isPrivileged(caller)) throw errors.forbidden('Managing buckets needs the admin role.');
}

function policyFrom(input: SettingsInput, current: Policy | undefined): Policy {
  if (input.policy !== undefined && input.public !== undefined && input.public !== (input.policy === 'public'))
    throw errors.validation([{ field: 'body.public', message: `must agree with policy ${input.policy}` }]);
  if (input.policy !== undefined) return input.policy;
  if (input.public === true) return 'public';
  if (input.public === false) return current === undefined || current === 'public' ? 'private' : current;
  return current ?? 'private';
}

/** The settings `input` asks for over `current` (the defaults when creating). */
export function settingsFrom(input: SettingsInput, current?: BucketSettings): BucketSettings {
  if (
    input.max_file_size !== undefined &&
    input.file_size_limit !== undefined &&
    input.max_file_size !== input.file_size_limit
  )
    throw errors.validation([
      { field: 'body.max_file_size', message: 'must equal file_size_limit when both are sent' },
    ]);
  const sizeLimit = input.file_size_limit !== undefined ? input.file_size_limit : input.max_file_size;
  return {
    policy: policyFrom(input, current?.policy),
    fileSizeLimit: sizeLimit !== undefined ? sizeLimit : (current?.fileSizeLimit ?? null),
    allowedMimeTypes:
      input.allowed_mime_types !== undefined ? input.allowed_mime_types : (current?.allowedMimeTypes ?? null),
    quotaBytes: input.quota_bytes !== undefined ? input.quota_bytes : (current?.quotaBytes ?? null),
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
