/**
 * HTTP traffic as the metrics see it, recorded once per answered request: in-memory
 * counters of the current sampling window (count, 5xx count, a latency sample) and the
 * Prometheus counter and histogram by operation. Nothing here touches the database.
 */
import type { Counter, Histogram } from 'prom-client';
import { Reservoir } from '../percentiles';

/** The Prometheus instruments the requests feed. */
export interface RequestInstruments {
  requests: Counter<'method' | 'operation' | 'status'>;
  duration: Histogram<'method' | 'operation'>;
}

/** Requests of one server instance. */
export class RequestStats {
  inFlight = 0;
  private readonly window = new Reservoir(2048);
  private windowErrors = 0;

  constructor(private readonly instruments: RequestInstruments) {}

  /** A request began. */
  started(): void {
    this.inFlight++;
  }

  /** A request was answered; `operation` is its operationId, or `unmatched`. */
  finished(method: string, operation: string, status: number, ms: number): void {
    this.inFlight--;
    this.window.add(ms);
    if (status >= 500) this.windowErrors++;
    this.instruments.requests.inc({ method, operation, status: String(status) });
    this.instruments.duration.observe({ method, operation }, ms / 1000);
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
