/**
 * Every metric series the server samples, with its description, unit and category: what
 * `getMetricNames` lists and what `getMetrics`, `getMultipleMetrics` and alert rules accept.
 */

type Category = 'system' | 'database' | 'replication' | 'performance';

/** One metric series of the catalogue. */
export interface MetricInfo {
  name: string;
  description: string;
  unit: string;
  category: Category;
}

const m = (name: string, description: string, unit: string, category: Category): MetricInfo => ({
  name,
  description,
  unit,
  category,
});

/** The catalogue, in the order `getMetricNames` lists it. */
export const METRICS: readonly MetricInfo[] = [
  m('requests_per_sec', 'HTTP requests answered per second.', 'req/s', 'performance'),
  m('latency_p50', 'Median HTTP request latency.', 'ms', 'performance'),
  m('latency_p95', '95th percentile HTTP request latency.', 'ms', 'performance'),
  m('latency_p99', '99th percentile HTTP request latency.', 'ms', 'performance'),
  m('error_rate', 'Share of HTTP responses with a 5xx status, from 0 to 1.', 'ratio', 'performance'),
  m('active_connections', 'Open HTTP requests and WebSocket connections.', 'connections', 'performance'),
  m('queries_per_sec', 'Database statements executed per second.', 'ops/s', 'database'),
  m('query_duration_avg_ms', 'Average database statement duration.', 'ms', 'database'),
  m('query_duration_p95_ms', '95th percentile database statement duration.', 'ms', 'database'),
  m('query_errors_per_sec', 'Database statements that failed, per second.', 'ops/s', 'database'),
  m('database_size_bytes', 'Size of the database (SQLite files, or pg_database_size).', 'bytes', 'database'),
  m('wal_size_bytes', 'Size of the write-ahead log (SQLite -wal file, or pg_wal).', 'bytes', 'database'),
  m('storage_bytes', 'Bytes held by all storage buckets.', 'bytes', 'system'),
  m('cpu_usage_percent', 'CPU used by the server process, over all cores.', '%', 'system'),
  m('memory_usage_bytes', 'Resident memory of the server process.', 'bytes', 'system'),
  m('host_cpu_percent', 'CPU used on the host, over all cores.', '%', 'system'),
  m('host_memory_used_bytes', 'Memory in use on the host.', 'bytes', 'system'),
  m('realtime_connections', 'Open realtime WebSocket connections (all instances).', 'connections', 'performance'),
  m('realtime_messages_per_sec', 'Realtime messages sent per second (all instances).', 'msg/s', 'performance'),
];

const names = new Set(METRICS.map((x) => x.name));

/** Whether `name` is a metric of the catalogue. */
export function isMetricName(name: string): boolean {
  return names.has(name);
}
