/**
 * The point-in-time window's rules, on plain values: which snapshots and backups can be a
 * replay's base (taken on this database, ready, after the last restore, with the log since
 * them kept),
 * which base serves a target instant, the window the bases and the log cover, and the
 * instant before which the log may be pruned without losing the window.
 */
import type { LogBase } from './pitr-log';

/** A snapshot or a backup as the window sees it. */
export interface BaseCandidate {
  kind: 'snapshot' | 'backup';
  id: string;
  status: string;
  /** When its data was read (RFC 3339); a target at or after it can use it. */
  timestamp: string;
  /** The last change id it saw, and the instants from `ls_snapshots`. */
  walPosition: number;
  logFrom: string | null;
  logSnapshot: string | null;
  tables: string[];
}

/** A usable base. */
export interface PitrBase extends BaseCandidate {
  log: LogBase;
}

/** What limits the bases: the last restore and the last prune of the log. */
export interface LogMarks {
  restored?: string;
  pruned?: string;
}

/** The usable bases, oldest first. */
export function usableBases(candidates: BaseCandidate[], marks: LogMarks): PitrBase[] {
  const out: PitrBase[] = [];
  for (const c of candidates) {
    if (c.status !== 'ready' || c.logFrom === null) continue;
    // A restore replaced the data after this snapshot was read: the log no longer continues it.
    if (marks.restored !== undefined && c.logFrom <= marks.restored) continue;
    // Changes it misses may have been pruned.
    if (marks.pruned !== undefined && c.logFrom < marks.pruned) continue;
    out.push({ ...c, log: { afterId: c.walPosition, from: c.logFrom, pgSnapshot: c.logSnapshot } });
  }
  return out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}

/** The latest base read at or before `target`, or undefined. */
export function baseFor(bases: PitrBase[], target: string): PitrBase | undefined {
  let found: PitrBase | undefined;
  for (const b of bases) if (b.timestamp <= target) found = b;
  return found;
}

/** The window `[oldest, latest]`, or undefined without a base. */
export function pitrWindow(bases: PitrBase[], now: string): { oldest: string; latest: string } | undefined {
  if (bases.length === 0) return undefined;
  return { oldest: bases[0].timestamp, latest: now };
}

/**
 * The instant the log must be kept from: the `logFrom` of the base that serves the start of
 * the retention (`now` minus `retentionHours`), or of the oldest base when none is that old.
 */
export function holdFrom(bases: PitrBase[], now: Date, retentionHours: number): string | undefined {
  if (bases.length === 0) return undefined;
  const start = new Date(now.getTime() - retentionHours * 3_600_000).toISOString();
  return (baseFor(bases, start) ?? bases[0]).log.from;
}
