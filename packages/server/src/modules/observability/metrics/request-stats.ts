/**
 * HTTP traffic as the metrics see it, recorded once per answered request, in memory and
 * cheaply (two map lookups and a few additions): counters of the current sampling window
 * (count, 5xx count, a latency sample), and since start, by operation and method, the
 * count by status and a latency histogram, which Prometheus reads when scraped.
 */
import { Reservoir } from '../percentiles';

/** The latency histogram's upper bounds, in seconds. */
export const LATENCY_BOUNDS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BOUNDS_MS = LATENCY_BOUNDS_SECONDS.map((s) => s * 1000);

/** The requests of one operation and method since start. */
export interface RequestSeries {
  method: string;
  operation: string;
  /** Requests by status code. */
  statuses: Map<number, number>;
  /** Requests by latency bucket: index i counts those over bound i-1 and at most bound i; the last, those over every bound. */
  buckets: number[];
  count: number;
  sumMs: number;
}

/** Requests of one server instance. */
export class RequestStats {
  inFlight = 0;
  private readonly window = new Reservoir(2048);
  private windowErrors = 0;
  /** By operation, then method. */
  private readonly byOperation = new Map<string, Map<string, RequestSeries>>();

  /** A request began. */
  started(): void {
    this.inFlight++;
  }

  /** A request was answered; `operation` is its operationId, or `unmatched`. */
  finished(method: string, operation: string, status: number, ms: number): void {
    this.inFlight--;
    this.window.add(ms);
    if (status >= 500) this.windowErrors++;
    const s = this.seriesOf(method, operation);
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < BOUNDS_MS.length && ms > BOUNDS_MS[bucket]) bucket++;
    s.buckets[bucket]++;
    s.count++;
    s.sumMs += ms;
  }

  private seriesOf(method: string, operation: string): RequestSeries {
    let methods = this.byOperation.get(operation);
    if (!methods) {
      methods = new Map();
      this.byOperation.set(operation, methods);
    }
    let s = methods.get(method);
    if (!s) {
      s = {
        method,
        operation,
        statuses: new Map(),
        buckets: new Array(BOUNDS_MS.length + 1).fill(0),
        count: 0,
        sumMs: 0,
      };
      methods.set(method, s);
    }
    return s;
  }

  /** Every series since start. */
  *series(): Generator<RequestSeries> {
    for (const methods of this.byOperation.values()) yield* methods.values();
  }

  /** The window's figures, then a fresh window. */
  takeWindow(): { count: number; errors: number; p50: number; p95: number; p99: number } {
    const [p50, p95, p99] = this.window.percentiles([50, 95, 99]);
    const out = { count: this.window.count, errors: this.windowErrors, p50, p95, p99 };
    this.window.reset();
    this.windowErrors = 0;
    return out;
  }
}
