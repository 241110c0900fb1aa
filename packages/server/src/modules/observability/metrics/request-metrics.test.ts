import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { requestMetrics } from './request-metrics';
import { LATENCY_BOUNDS_SECONDS, RequestStats } from './request-stats';

const requests: [string, string, number, number][] = [
  ['GET', 'getHealth', 200, 0.4],
  ['GET', 'getHealth', 200, 1],
  ['GET', 'getHealth', 503, 7.5],
  ['POST', 'restInsert', 201, 30],
  ['POST', 'restInsert', 400, 12_000],
  ['GET', 'unmatched', 404, 5],
];

describe('requestMetrics', () => {
  it("prints what prom-client's own counter and histogram print for the same requests", async () => {
    const stats = new RequestStats();
    const ours = new Registry();
    requestMetrics(ours, stats);
    const theirs = new Registry();
    const counter = new Counter({
      name: 'lockstep_http_requests_total',
      help: 'HTTP requests answered.',
      labelNames: ['method', 'operation', 'status'],
      registers: [theirs],
    });
    const histogram = new Histogram({
      name: 'lockstep_http_request_duration_seconds',
      help: 'HTTP request latency.',
      labelNames: ['method', 'operation'],
      buckets: LATENCY_BOUNDS_SECONDS,
      registers: [theirs],
    });
    for (const [method, operation, status, ms] of requests) {
      stats.started();
      stats.finished(method, operation, status, ms);
      counter.inc({ method, operation, status: String(status) });
      histogram.observe({ method, operation }, ms / 1000);
    }
    const lines = (text: string) => text.split('\n').sort();
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));
    expect(stats.inFlight).toBe(0);
  });
});
