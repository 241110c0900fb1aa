/**
 * The observability hub of one server instance: keeps log lines (the sink's batches go to
 * the log store; on SQLite through a writer thread of their own), times statements (the
 * database's query tap), samples metrics on a timer into the metric store, stores slow
 * statements off the request path, serves Prometheus, and prunes by age and size. Per-request work is in-memory counting only. The handlers call
 * its areas' services (`areas`), which it builds over these parts.
 */

import type { Leases } from '../../data/leases';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import type { Outbox } from '../../mail/outbox';
import { evaluateAlerts } from './alerts/evaluate';
import { AlertsService } from './alerts/service';
import { AlertsStore } from './alerts/store';
import { AuditService } from './audit/service';
import { AuditStore } from './audit/store';
import { AuditTrail } from './audit/trail';
import { LogsService } from './logs/service';
import { LogSink } from './logs/sink';
import { LogsStore } from './logs/store';
import { LogWriterThread } from './logs/writer-thread';
import { isMetricName } from './metrics/catalogue';
import { createPrometheus, type Prometheus } from './metrics/prometheus';
import { RequestStats } from './metrics/request-stats';
import { type RealtimeCounters, Sampler } from './metrics/sampler';
import { MetricsService } from './metrics/service';
import { MetricsStore } from './metrics/store';
import { SystemGauges } from './metrics/system-gauges';
import { defaultObservabilityOptions, type ObservabilityOptions } from './options';
import { QueriesService } from './queries/service';
import { QueryStats } from './queries/stats';
import { SlowQueries } from './queries/store';

/** Each area's service: the rules its handlers call. */
export interface ObservabilityAreas {
  logs: LogsService;
  metrics: MetricsService;
  queries: QueriesService;
  alerts: AlertsService;
  audit: AuditService;
}

/** What the service is built from. */
export interface ObservabilityDeps {
  database: Database;
  dataDir: string;
  log: Logger;
  /** The sink the logger writes to; a fresh one (keeping nothing written before) when absent. */
  sink?: LogSink;
  realtime: RealtimeCounters;
  options?: Partial<ObservabilityOptions>;
}

const DAY = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const SLOW_FLUSH_MS = 1000;

/** Logs, metrics, statement timings and Prometheus for one instance. */
export class ObservabilityService {
  readonly options: ObservabilityOptions;
  readonly sink: LogSink;
  readonly logs: LogsStore;
  readonly metrics: MetricsStore;
  readonly slow: SlowQueries;
  readonly queries: QueryStats;
  readonly requests: RequestStats;
  readonly prometheus: Prometheus;
  readonly alerts: AlertsStore;
  readonly auditLog: AuditStore;
  readonly audit: AuditTrail;
  /** The areas' services, which the handlers call. */
  readonly areas: ObservabilityAreas;
  /** The latest sample (every catalogue series, plus totals for `current`). */
  latest: Record<string, number> = {};
  private readonly sampler: Sampler;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly afterSample = new Set<(at: number) => Promise<void>>();
  private sampling?: Promise<void>;
  /** On SQLite, the thread that writes the log lines (the request thread only posts them). */
  private readonly logWriter?: LogWriterThread;

  constructor(private readonly deps: ObservabilityDeps) {
    this.options = { ...defaultObservabilityOptions, ...deps.options };
    this.sink = deps.sink ?? new LogSink();
    const db = deps.database.db;
    this.logs = new LogsStore(db, deps.database.engine);
    if (deps.database.logsFile) this.logWriter = new LogWriterThread(deps.database.logsFile);
    this.metrics = new MetricsStore(db);
    this.slow = new SlowQueries(db, deps.database.engine);
    this.alerts = new AlertsStore(db);
    this.auditLog = new AuditStore(db);
    this.audit = new AuditTrail(this.auditLog);
    this.queries = new QueryStats(this.options.slowQueryMs);
    this.requests = new RequestStats();
    this.prometheus = createPrometheus(this.queries, this.requests, this.gauges());
    this.sampler = new Sampler(
      this.requests,
      this.queries,
      new SystemGauges(deps.database, deps.dataDir),
      deps.realtime,
    );
    this.areas = this.buildAreas();
  }

  private buildAreas(): ObservabilityAreas {
    return {
      logs: new LogsService(this.sink, this.logs, this.options),
      metrics: new MetricsService({
        store: this.metrics,
        sampleMs: this.options.metricsIntervalMs,
        latest: () => this.latest,
        sample: () => this.sample(),
        activeConnections: () => this.requests.inFlight + this.deps.realtime.localConnections(),
        registry: this.prometheus.registry,
      }),
      queries: new QueriesService({
        stats: this.queries,
        store: this.slow,
        slowQueryMs: this.options.slowQueryMs,
        flush: () => this.flush(),
      }),
      alerts: new AlertsService(this.alerts),
      audit: new AuditService(this.auditLog),
    };
  }

  private gauges() {
    const read = (name: string) => () => this.latest[name] ?? 0;
    return {
      http_requests_in_flight: { help: 'HTTP requests being answered.', read: () => this.requests.inFlight },
      realtime_connections: {
        help: 'Open realtime WebSocket connections.',
        read: () => this.deps.realtime.localConnections(),
      },
      realtime_messages_per_second: {
        help: 'Realtime messages sent per second.',
        read: read('realtime_messages_per_sec'),
      },
      database_size_bytes: { help: 'Size of the database.', read: read('database_size_bytes') },
      database_wal_size_bytes: { help: 'Size of the write-ahead log.', read: read('wal_size_bytes') },
      storage_bytes: { help: 'Bytes held by all storage buckets.', read: read('storage_bytes') },
      host_cpu_percent: { help: 'CPU used on the host.', read: read('host_cpu_percent') },
      host_memory_used_bytes: { help: 'Memory in use on the host.', read: read('host_memory_used_bytes') },
      log_lines_dropped: { help: 'Log lines not kept because the store fell behind.', read: () => this.sink.dropped },
      log_request_lines_not_kept: {
        help: 'Request lines left out of the log store past its per-second budget (stdout has them).',
        read: () => this.sink.requestLinesNotKept,
      },
    };
  }

  /** Starts keeping logs, timing statements, sampling and pruning. */
  start(): void {
    if (!this.options.enabled) return;
    const queries = this.queries;
    this.deps.database.queryTap.listener = (q) => queries.record(q);
    const writer = this.logWriter;
    this.sink.attach(writer ? (lines) => writer.write(lines) : (lines) => this.logs.insert(lines));
    this.every(this.options.metricsIntervalMs, () => this.sample());
    this.every(SLOW_FLUSH_MS, () => this.slow.store(this.queries.takeSlow()));
    this.every(PRUNE_EVERY_MS, () => this.prune());
    void this.prune();
  }

  private every(ms: number, task: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((error) =>
          this.deps.log.error({ err: error, module: 'observability' }, 'observability: a periodic task failed'),
        )
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Evaluates alert rules after every sample, on the instance holding the alerts lease. */
  evaluateAlertsWith(leases: Leases, outbox: Outbox): void {
    const o = this.options;
    const deps = {
      db: this.deps.database.db,
      store: this.alerts,
      metrics: this.metrics,
      leases,
      outbox,
      log: this.deps.log,
      minuteMs: o.alertMinuteMs,
      leaseMs: Math.max(3 * o.metricsIntervalMs, 30_000),
    };
    this.onSample((at) => evaluateAlerts(deps, at));
  }

  /** Runs `task` after every sample. */
  onSample(task: (at: number) => Promise<void>): void {
    this.afterSample.add(task);
  }

  /** Takes a sample now and stores it. */
  sample(): Promise<void> {
    this.sampling ??= (async () => {
      const at = Date.now();
      this.latest = await this.sampler.take(at);
      const series = Object.fromEntries(Object.entries(this.latest).filter(([name]) => isMetricName(name)));
      await this.metrics.insert(at, series);
      for (const task of this.afterSample) await task(at);
    })().finally(() => {
      this.sampling = undefined;
    });
    return this.sampling;
  }

  /** Deletes what is past retention. */
  async prune(now = Date.now()): Promise<void> {
    const o = this.options;
    await this.logs.prune(now - o.logRetentionDays * DAY, o.logMaxRows);
    await this.metrics.prune(now - o.metricsRetentionDays * DAY);
    await this.slow.prune(now - o.metricsRetentionDays * DAY);
    await this.auditLog.prune(now - o.auditRetentionDays * DAY);
  }

  /** Writes what is buffered (log lines, slow statements) now; tests and shutdown use it. */
  async flush(): Promise<void> {
    await this.sink.flush();
    await this.slow.store(this.queries.takeSlow());
  }

  /** Stops the timers and writes what is buffered. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.deps.database.queryTap.listener = undefined;
    await this.sampling?.catch(() => undefined);
    await this.sink.close().catch(() => undefined);
    await this.logWriter?.close();
  }
}
