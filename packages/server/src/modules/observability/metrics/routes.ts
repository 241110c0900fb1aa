/** Metric handlers: series (the dashboard's two readers), batch, catalogue, current gauges, Prometheus. */
import type { Handler } from '../../../http/handler-types';
import { errors } from '../../../http/http-error';
import { totalHeader } from '../../../http/paging';
import { metricsWindow, stepOf } from '../windows';
import { isMetricName, METRICS } from './catalogue';

const PAGE_SERIES = ['queries_per_sec', 'latency_p95', 'latency_p99', 'error_rate', 'active_connections'] as const;

function checkNames(names: string[]): void {
  const unknown = names.filter((n) => !isMetricName(n));
  if (unknown.length > 0)
    throw errors.badRequest(
      'INVALID_QUERY',
      `Unknown metric: ${unknown.join(', ')}. See /observability/metrics/available.`,
    );
}

export const getMetrics: Handler<'getMetrics'> = async ({ query, services }) => {
  const o = services.observability;
  if (query.metric) checkNames([query.metric]);
  const window = metricsWindow(query);
  const step = stepOf(window, query.resolution, o.options.metricsIntervalMs);
  const names = [...new Set<string>([...PAGE_SERIES, ...(query.metric ? [query.metric] : [])])];
  const series = await o.metrics.series(names, window.since, window.until, step);
  const body = {
    ...(query.metric ? { metric: query.metric, datapoints: series[query.metric] } : {}),
    queries_per_sec: series.queries_per_sec,
    latency_p95: series.latency_p95,
    latency_p99: series.latency_p99,
    error_rate: series.error_rate,
    active_connections: series.active_connections,
  };
  return { status: 200, body };
};

export const getMultipleMetrics: Handler<'getMultipleMetrics'> = async ({ query, services }) => {
  const o = services.observability;
  const names = [...new Set(query['metrics[]'])];
  checkNames(names);
  const window = metricsWindow({ since: query.since, until: query.until });
  const step = stepOf(window, query.resolution, o.options.metricsIntervalMs);
  return { status: 200, body: await o.metrics.series(names, window.since, window.until, step) };
};

export const getMetricNames: Handler<'getMetricNames'> = async ({ query }) => {
  const offset = query.offset ?? 0;
  const page = METRICS.slice(offset, offset + (query.limit ?? 50)).map((m) => ({ ...m }));
  return { status: 200, body: page, headers: totalHeader(METRICS.length) };
};

export const getCurrentMetrics: Handler<'getCurrentMetrics'> = async ({ services }) => {
  const o = services.observability;
  if (!('memory_total_bytes' in o.latest)) await o.sample();
  const v = (name: string) => Math.max(0, o.latest[name] ?? 0);
  const int = (name: string) => Math.round(v(name));
  const body = {
    cpu_usage_percent: Math.round(v('cpu_usage_percent') * 100) / 100,
    memory_usage_bytes: Math.round(process.memoryUsage.rss()),
    memory_total_bytes: int('memory_total_bytes'),
    disk_usage_bytes: int('database_size_bytes') + int('wal_size_bytes') + int('storage_bytes'),
    disk_total_bytes: int('disk_total_bytes'),
    active_connections: o.requests.inFlight + services.realtime.connections.size,
    queries_per_second: Math.round(v('queries_per_sec') * 1000) / 1000,
    wal_size_bytes: int('wal_size_bytes'),
  };
  return { status: 200, body };
};

export const getPrometheusMetrics: Handler<'getPrometheusMetrics'> = async ({ services }) => {
  const registry = services.observability.prometheus.registry;
  return new Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType } });
};
