/**
 * One metric sample: the window's request and statement figures, the system gauges and
 * realtime's counters, as one value per series of the catalogue. Rates are per second of
 * the time since the previous sample.
 */
import type { QueryStats } from '../queries/stats';
import type { RequestStats } from './request-stats';
import type { SystemGauges } from './system-gauges';

/** What a sample reads realtime's counters from. */
export interface RealtimeCounters {
  localConnections(): number;
  connections(): number;
  messagesPerSecond(): number;
}

/** Takes samples; `take` covers the time since its previous call. */
export class Sampler {
  private lastAt = Date.now();

  constructor(
    private readonly requests: RequestStats,
    private readonly queries: QueryStats,
    private readonly gauges: SystemGauges,
    private readonly realtime: RealtimeCounters,
  ) {}

  /** A value for every series of the catalogue. */
  async take(now = Date.now()): Promise<Record<string, number>> {
    const seconds = Math.max(0.001, (now - this.lastAt) / 1000);
    this.lastAt = now;
    const http = this.requests.takeWindow();
    const db = this.queries.takeWindow();
    const sys = await this.gauges.read();
    return {
      requests_per_sec: http.count / seconds,
      latency_p50: http.p50,
      latency_p95: http.p95,
      latency_p99: http.p99,
      error_rate: http.count === 0 ? 0 : http.errors / http.count,
      active_connections: this.requests.inFlight + this.realtime.localConnections(),
      queries_per_sec: db.count / seconds,
      query_duration_avg_ms: db.avgMs,
      query_duration_p95_ms: db.p95Ms,
      query_errors_per_sec: db.failed / seconds,
      database_size_bytes: sys.databaseBytes,
      wal_size_bytes: sys.walBytes,
      storage_bytes: sys.storageBytes,
      cpu_usage_percent: sys.cpuPercent,
      memory_usage_bytes: sys.memoryBytes,
      host_cpu_percent: sys.hostCpuPercent,
      host_memory_used_bytes: sys.hostMemoryUsedBytes,
      realtime_connections: this.realtime.connections(),
      realtime_messages_per_sec: this.realtime.messagesPerSecond(),
      // Not series of the catalogue, kept for `current`.
      memory_total_bytes: sys.memoryTotalBytes,
      disk_total_bytes: sys.diskTotalBytes,
    };
  }
}
