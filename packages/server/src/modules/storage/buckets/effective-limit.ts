/**
 * The limit the dashboard reads as a number even when nobody set a quota: the quota when
 * one is set, else the server's storage limit, else what the volume still holds on top of
 * what is stored, else (an object store with no quota) the largest safe integer.
 */
import type { StorageContext } from '../context';

/** An effective limit in bytes, and whether a quota (not the server or the volume) set it. */
export interface EffectiveLimit {
  bytes: number;
  source: 'quota' | 'server' | 'volume' | 'unbounded';
}

/** The limit of `used` bytes under `quota` (null: none set): the quota, the server's, the volume's, or unbounded. */
export async function effectiveLimit(ctx: StorageContext, used: number, quota: number | null): Promise<EffectiveLimit> {
  if (quota !== null) return { bytes: quota, source: 'quota' };
  if (ctx.limits.quota !== null) return { bytes: ctx.limits.quota, source: 'server' };
  const free = await ctx.backend.freeBytes?.().catch(() => undefined);
  if (free !== undefined) return { bytes: Math.max(1, used + free), source: 'volume' };
  return { bytes: Number.MAX_SAFE_INTEGER, source: 'unbounded' };
}
