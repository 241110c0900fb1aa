/** The storage quotas (a bucket's, the server's): the room an upload may stream into, and the check before a commit. */
import { HttpError } from '../../http/http-error';
import type { Bucket } from './buckets/store';
import type { StorageContext } from './context';

/** 413 QUOTA_EXCEEDED for the quota of `what`. */
export function quotaExceeded(what: string): HttpError {
  return new HttpError(413, 'QUOTA_EXCEEDED', `The file would exceed the storage quota of ${what}.`);
}

/** How many bytes a new file in `bucket` may have under both quotas (infinite when none is set). */
export async function quotaRoom(ctx: StorageContext, bucket: Bucket): Promise<number> {
  if (bucket.quotaBytes === null && ctx.limits.quota === null) return Number.POSITIVE_INFINITY;
  // A replaced file frees its bytes, so the stream may carry up to the largest file more.
  const credit = await ctx.files.largestSize(bucket.id);
  let room = Number.POSITIVE_INFINITY;
  if (bucket.quotaBytes !== null) room = bucket.quotaBytes - (await ctx.buckets.usage(bucket.id)).bytes + credit;
  if (ctx.limits.quota !== null) room = Math.min(room, ctx.limits.quota - (await ctx.buckets.totals()).bytes + credit);
  return Math.max(0, room);
}

/** 413 QUOTA_EXCEEDED when adding `delta` bytes to the bucket would pass its quota or the server's. */
export async function checkQuota(ctx: StorageContext, bucket: Bucket, delta: number): Promise<void> {
  if (delta <= 0) return;
  if (bucket.quotaBytes !== null && (await ctx.buckets.usage(bucket.id)).bytes + delta > bucket.quotaBytes)
    throw quotaExceeded(`bucket ${bucket.name} (${bucket.quotaBytes} bytes)`);
  if (ctx.limits.quota !== null && (await ctx.buckets.totals()).bytes + delta > ctx.limits.quota)
    throw quotaExceeded(`the server (${ctx.limits.quota} bytes)`);
}
