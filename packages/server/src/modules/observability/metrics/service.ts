/** The rules of reading metrics: only catalogue series, over a window at a step; the current gauges; Prometheus' text. */
import type { Registry } from 'prom-client';
import { errors } from '../../../http/http-error';
import { metricsWindow, stepOf } from '../windows';
import { isMetricName, METRICS, type MetricInfo } from './catalogue';
import type { DataPoint, MetricsStore } from './store';

/** The dashboard's page reads these five series on every `getMetrics`. */
const PAGE_SERIES = ['queries_per_sec', 'latency_p95', 'latency_p99', 'error_rate', 'active_connections'] as const;

/** A window of series: explicit `since`/`until`, or `timeRange` back from now; `resolution` or about 60 points. */
export interface SeriesQuery {
  since?: string;
  until?: string;
  timeRange?: string;
  resolution?: string;
}

/** What the metric readers are built from. */
export interface MetricsServiceDeps {
  store: MetricsStore;
  /** Milliseconds between samples: the finest step. */
  sampleMs: number;
  /** The latest sample, every catalogue series plus the totals `current` reads. */
  latest: () => Record<string, number>;
  /** Takes a sample now. */
  sample: () => Promise<void>;
  /** Open HTTP requests and WebSocket connections of this instance. */
  activeConnections: () => number;
  registry: Registry;
}

function checkNames(names: string[]): void {
  const unknown = names.filter((n) => !isMetricName(n));
  if (unknown.length > 0)
    throw errors.badRequest(
      'INVALID_QUERY',
      `Unknown metric: ${unknown.join(', ')}. See /observability/metrics/available.`,
    );
}

/** Metrics as the handlers read them. */
export class MetricsService {
  constructor(private readonly deps: MetricsServiceDeps) {}

  private async read(names: string[], query: SeriesQuery): Promise<Record<string, DataPoint[]>> {
    const window = metricsWindow(query);
    const step = stepOf(window, query.resolution, this.deps.sampleMs);
    return this.deps.store.series(names, window.since, window.until, step);
  }

  /** The dashboard's five series, and `metric`'s points when one is asked. */
  async page(query: SeriesQuery & { metric?: string }) {
    if (query.metric) checkNames([query.metric]);
    const names = [...new Set<string>([...PAGE_SERIES, ...(query.metric ? [query.metric] : [])])];
    const series = await this.read(names, query);
    return {
      ...(query.metric ? { metric: query.metric, datapoints: series[query.metric] } : {}),
      queries_per_sec: series.queries_per_sec,
      latency_p95: series.latency_p95,
      latency_p99: series.latency_p99,
      error_rate: series.error_rate,
      active_connections: series.active_connections,
    };
  }

  /** One series per name of `names` (each once), over an explicit window. */
  async batch(names: string[], query: Omit<SeriesQuery, 'timeRange'>): Promise<Record<string, DataPoint[]>> {
    const unique = [...new Set(names)];
    checkNames(unique);
    return this.read(unique, { since: query.since, until: query.until, resolution: query.resolution });
  }

  /** Every series of the catalogue, in its order. */
  catalogue(): readonly MetricInfo[] {
    return METRICS;
  }

  /** The gauges now, from the latest sample (taken first when there is none yet). */
  async current() {
    if (!('memory_total_bytes' in this.deps.latest())) await this.deps.sample();
    const latest = this.deps.latest();
    const v = (name: string) => Math.max(0, latest[name] ?? 0);
    const int = (name: string) => Math.round(v(name));
    return {
      cpu_usage_percent: Math.round(v('cpu_usage_percent') * 100) / 100,
      memory_usage_bytes: Math.round(process.memoryUsage.rss()),
      memory_total_bytes: int('memory_total_bytes'),
      disk_usage_bytes: int('database_size_bytes') + int('wal_size_bytes') + int('storage_bytes'),
      disk_total_bytes: int('disk_total_bytes'),
      active_connections: this.deps.activeConnections(),
      queries_per_second: Math.round(v('queries_per_sec') * 1000) / 1000,
      wal_size_bytes: int('wal_size_bytes'),
    };
  }

  /** The Prometheus exposition of this instance, and its content type. */
  async prometheus(): Promise<{ text: string; contentType: string }> {
    const registry = this.deps.registry;
    return { text: await registry.metrics(), contentType: registry.contentType };
  }
}
