/**
 * The HTTP request metrics as Prometheus reads them at scrape time from `RequestStats`:
 * `lockstep_http_requests_total` by method, operation and status, and the latency histogram
 * `lockstep_http_request_duration_seconds` by method and operation, in prom-client's shape.
 */
import { Counter, type Metric, type Registry } from 'prom-client';
import { LATENCY_BOUNDS_SECONDS, type RequestSeries, type RequestStats } from './request-stats';

const HISTOGRAM = 'lockstep_http_request_duration_seconds';
const HISTOGRAM_HELP = 'HTTP request latency.';

/** One line of the exposition, as prom-client's own histogram gives it to the registry. */
interface Line {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** One series' bucket, sum and count lines, cumulative as Prometheus wants them. */
function histogramValues(s: RequestSeries): Line[] {
  const labels = { method: s.method, operation: s.operation };
  const out: Line[] = [];
  let below = 0;
  LATENCY_BOUNDS_SECONDS.forEach((le, i) => {
    below += s.buckets[i];
    out.push({ metricName: `${HISTOGRAM}_bucket`, labels: { le, ...labels }, value: below });
  });
  out.push(
    { metricName: `${HISTOGRAM}_bucket`, labels: { le: '+Inf', ...labels }, value: s.count },
    { metricName: `${HISTOGRAM}_sum`, labels, value: s.sumMs / 1000 },
    { metricName: `${HISTOGRAM}_count`, labels, value: s.count },
  );
  return out;
}

/** Registers the request metrics of `stats` in `registry`. */
export function requestMetrics(registry: Registry, stats: RequestStats): void {
  new Counter({
    name: 'lockstep_http_requests_total',
    help: 'HTTP requests answered.',
    labelNames: ['method', 'operation', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of stats.series())
        for (const [status, n] of s.statuses)
          this.inc({ method: s.method, operation: s.operation, status: String(status) }, n);
    },
  });
  const get = async () => ({
    name: HISTOGRAM,
    help: HISTOGRAM_HELP,
    type: 'histogram',
    aggregator: 'sum',
    values: [...stats.series()].flatMap(histogramValues),
  });
  // prom-client's Histogram takes only observations one by one; the registry reads any
  // metric through `get` (the counts are kept since start, so `reset` has nothing to do).
  const histogram = { name: HISTOGRAM, help: HISTOGRAM_HELP, get, reset: () => undefined };
  registry.registerMetric(histogram as unknown as Metric);
}
