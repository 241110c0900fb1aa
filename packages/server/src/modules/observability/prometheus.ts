/**
 * The Prometheus registry of one server (never prom-client's global one: tests run several
 * servers in one process): request and statement instruments fed on the fly, gauges read
 * from the latest sample when scraped, and prom-client's default process metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestInstruments } from './request-stats';

/** The registry and the instruments the recorders feed. */
export interface Prometheus {
  registry: Registry;
  http: RequestInstruments;
  queries: Counter<'failed'>;
  queryDuration: Histogram;
}

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A registry with every instrument; `gauges` are read at scrape time. */
export function createPrometheus(gauges: Record<string, { help: string; read: () => number }>): Prometheus {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lockstep_' });
  const http: RequestInstruments = {
    requests: new Counter({
      name: 'lockstep_http_requests_total',
      help: 'HTTP requests answered.',
      labelNames: ['method', 'operation', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'lockstep_http_request_duration_seconds',
      help: 'HTTP request latency.',
      labelNames: ['method', 'operation'],
      buckets: SECONDS,
      registers: [registry],
    }),
  };
  const queries = new Counter({
    name: 'lockstep_db_queries_total',
    help: 'Database statements executed.',
    labelNames: ['failed'],
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'lockstep_db_query_duration_seconds',
    help: 'Database statement duration.',
    buckets: SECONDS,
    registers: [registry],
  });
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
  return { registry, http, queries, queryDuration };
}
