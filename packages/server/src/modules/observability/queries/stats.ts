/**
 * What the server learns from timing every statement, kept in memory and cheap to record
 * (one map lookup and a few additions per statement): totals and a duration sample since
 * start (performance stats), counters of the current sampling window (metrics), per-minute
 * aggregates by statement text (the profiler, 24 hours), and the statements slower than
 * the threshold, queued for the slow-query store with their values dropped.
 */
import type { TimedQuery } from '../../../db/timed-dialect';
import { Reservoir } from '../percentiles';
import { patternOf, typeOf } from './sql-pattern';

/** A statement over the slow threshold, waiting to be stored. Its parameters live only until then. */
export interface SlowStatement {
  ts: number;
  sql: string;
  parameters: readonly unknown[];
  durationMs: number;
  rows: number;
}

interface Aggregate {
  count: number;
  totalMs: number;
}

const MINUTE = 60_000;
const KEEP_MINUTES = 24 * 60;
const MAX_TEXTS_PER_MINUTE = 1000;
const MAX_SLOW_QUEUED = 500;

/** One profiler row. */
export interface ProfileRow {
  query_pattern: string;
  call_count: number;
  avg_duration_ms: number;
  total_duration_ms: number;
}

/** Statement timings of one server instance. */
export class QueryStats {
  total = 0;
  totalMs = 0;
  failed = 0;
  readonly lifetime = new Reservoir(4096);
  readonly window = new Reservoir(2048);
  windowFailed = 0;
  private readonly minutes = new Map<number, Map<string, Aggregate>>();
  slowQueue: SlowStatement[] = [];

  constructor(public slowMs: number) {}

  /** Records one statement (the timed dialect's listener). */
  record(q: TimedQuery): void {
    this.total++;
    this.totalMs += q.durationMs;
    this.lifetime.add(q.durationMs);
    this.window.add(q.durationMs);
    if (q.failed) {
      this.failed++;
      this.windowFailed++;
    }
    this.aggregate(q.sql, q.durationMs);
    if (q.durationMs >= this.slowMs && this.slowQueue.length < MAX_SLOW_QUEUED && !/^\s*explain/i.test(q.sql))
      this.slowQueue.push({
        ts: Date.now(),
        sql: q.sql,
        parameters: q.parameters,
        durationMs: q.durationMs,
        rows: q.rows,
      });
  }

  private aggregate(sql: string, ms: number): void {
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
    let texts = this.minutes.get(minute);
    if (!texts) {
      texts = new Map();
      this.minutes.set(minute, texts);
      this.forgetBefore(minute - KEEP_MINUTES * MINUTE);
    }
    let agg = texts.get(sql);
    if (!agg) {
      if (texts.size >= MAX_TEXTS_PER_MINUTE) sql = '(other statements)';
      agg = texts.get(sql) ?? { count: 0, totalMs: 0 };
      texts.set(sql, agg);
    }
    agg.count++;
    agg.totalMs += ms;
  }

  private forgetBefore(edge: number): void {
    for (const minute of this.minutes.keys()) if (minute < edge) this.minutes.delete(minute);
  }

  /** Takes the queued slow statements. */
  takeSlow(): SlowStatement[] {
    const out = this.slowQueue;
    this.slowQueue = [];
    return out;
  }

  /** The window's counters, then a fresh window. */
  takeWindow(): { count: number; failed: number; avgMs: number; p95Ms: number } {
    const [p95] = this.window.percentiles([95]);
    const out = { count: this.window.count, failed: this.windowFailed, avgMs: this.window.mean(), p95Ms: p95 };
    this.window.reset();
    this.windowFailed = 0;
    return out;
  }

  /** The profiler's view of `[since, until)`: top patterns by total time, counts per type, per-minute trend. */
  profile(since: number, until: number, top = 20) {
    const patterns = new Map<string, Aggregate>();
    const types: Record<string, number> = {};
    const trends: { timestamp: string; avg_duration_ms: number; query_count: number }[] = [];
    const minutes = [...this.minutes.keys()].filter((m) => m + MINUTE > since && m < until).sort((a, b) => a - b);
    for (const minute of minutes) {
      let count = 0;
      let totalMs = 0;
      for (const [text, agg] of this.minutes.get(minute)!) {
        const pattern = patternOf(text);
        const p = patterns.get(pattern) ?? { count: 0, totalMs: 0 };
        p.count += agg.count;
        p.totalMs += agg.totalMs;
        patterns.set(pattern, p);
        const type = typeOf(text);
        types[type] = (types[type] ?? 0) + agg.count;
        count += agg.count;
        totalMs += agg.totalMs;
      }
      trends.push({
        timestamp: new Date(minute).toISOString(),
        avg_duration_ms: round(totalMs / count),
        query_count: count,
      });
    }
    const top_queries: ProfileRow[] = [...patterns]
      .sort((a, b) => b[1].totalMs - a[1].totalMs)
      .slice(0, top)
      .map(([query_pattern, a]) => ({
        query_pattern,
        call_count: a.count,
        avg_duration_ms: round(a.totalMs / a.count),
        total_duration_ms: round(a.totalMs),
      }));
    return { top_queries, query_types: types, performance_trends: trends };
  }
}

/** Rounds to three decimals (microseconds of a millisecond figure). */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
