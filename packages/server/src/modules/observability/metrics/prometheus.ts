/**
 * The Prometheus registry of one server (never prom-client's global one: tests run several
 * servers in one process): request and statement metrics read from the in-memory
 * statistics when scraped (so a request or a statement costs no Prometheus call), gauges
 * read from the latest sample, and prom-client's default process metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { QueryStats } from '../queries/stats';
import { requestMetrics } from './request-metrics';
import type { RequestStats } from './request-stats';

/** The registry. */
export interface Prometheus {
  registry: Registry;
}

/**
 * Statement metrics read from the in-memory statistics at scrape time, so timing a statement
 * costs no Prometheus call on the request path: counts, total seconds, and quantiles of a
 * uniform sample since start.
 */
function statementMetrics(registry: Registry, stats: QueryStats): void {
  new Counter({
    name: 'lockstep_db_queries_total',
    help: 'Database statements executed.',
    labelNames: ['failed'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ failed: 'false' }, stats.total - stats.failed);
      this.inc({ failed: 'true' }, stats.failed);
    },
  });
  new Counter({
    name: 'lockstep_db_query_seconds_total',
    help: 'Time spent in database statements.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.totalMs / 1000);
    },
  });
  new Gauge({
    name: 'lockstep_db_query_duration_seconds',
    help: 'Database statement duration quantiles since start (uniform sample).',
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      const [p50, p95, p99] = stats.lifetime.percentiles([50, 95, 99]);
      this.set({ quantile: '0.5' }, p50 / 1000);
      this.set({ quantile: '0.95' }, p95 / 1000);
      this.set({ quantile: '0.99' }, p99 / 1000);
    },
  });
}

/** A registry with every instrument; `gauges` are read at scrape time. */
export function createPrometheus(
  queries: QueryStats,
  requests: RequestStats,
  gauges: Record<string, { help: string; read: () => number }>,
): Prometheus {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lockstep_' });
  requestMetrics(registry, requests);
  statementMetrics(registry, queries);
  for (const [name, g] of Object.entries(gauges)) {
    new Gauge({
      name: `lockstep_${name}`,
      help: g.help,
      registers: [registry],
      collect() {
        this.set(g.read());
      },
    });
  }
  return { registry };
}
