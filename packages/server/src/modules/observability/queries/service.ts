/** The rules of reading statement timings: performance figures and ratios, the slow-query log, the profiler's window. */
import { type QueryStats, round } from './stats';
import type { Share, SlowQueries } from './store';

const HOUR = 3_600_000;

/** What the statement readers are built from. */
export interface QueriesServiceDeps {
  stats: QueryStats;
  store: SlowQueries;
  /** The slow-query threshold, when a query asks for none. */
  slowQueryMs: number;
  /** Writes what is buffered (log lines, slow statements), so a read sees it. */
  flush: () => Promise<void>;
}

/** A share from 0 to 1, rounded to three decimals; 0 of nothing. */
export function ratioOf({ part, whole }: Share): number {
  return whole > 0 ? Math.min(1, Math.max(0, round(part / whole))) : 0;
}

/** Statement timings as the handlers read them. */
export class QueriesService {
  constructor(private readonly deps: QueriesServiceDeps) {}

  /** Averages and percentiles since start, and the cache-hit and index-use ratios. */
  async performance() {
    const q = this.deps.stats;
    const [p95, p99] = q.lifetime.percentiles([95, 99]);
    const { cache, index } = await this.deps.store.shares();
    return {
      avg_query_duration_ms: round(q.total === 0 ? 0 : q.totalMs / q.total),
      p95_query_duration_ms: round(p95),
      p99_query_duration_ms: round(p99),
      total_queries: q.total,
      cache_hit_rate: ratioOf(cache),
      index_efficiency: ratioOf(index),
    };
  }

  /** Stored statements at least `thresholdMs` slow (the configured threshold by default) since `since`, slowest first. */
  async slow(thresholdMs: number | undefined, since: number, limit: number, offset: number) {
    await this.deps.flush();
    return this.deps.store.list(thresholdMs ?? this.deps.slowQueryMs, since, limit, offset);
  }

  /** The profiler over `[since, until)`: until now and an hour back by default. */
  profile(since: number | undefined, until: number | undefined) {
    const end = until ?? Date.now();
    return this.deps.stats.profile(since ?? end - HOUR, end);
  }
}
