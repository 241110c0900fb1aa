/** What an operator can tune in observability: what is kept, for how long, how often sampled. */
export interface ObservabilityOptions {
  /** Keep logs, time statements and sample metrics (`OBSERVABILITY=off` turns it all off, for comparison runs). @default true */
  enabled: boolean;
  /** The lowest level of log lines kept in the log store (stdout keeps `logLevel`). @default 'info' */
  logStoreLevel: string;
  /** Log lines older than this are deleted. @default 7 */
  logRetentionDays: number;
  /** At most this many log lines are kept; the oldest go first. @default 100000 */
  logMaxRows: number;
  /** Audit entries older than this are deleted. @default 365 */
  auditRetentionDays: number;
  /** Milliseconds between metric samples. @default 10000 */
  metricsIntervalMs: number;
  /** Metric points and slow statements older than this are deleted. @default 7 */
  metricsRetentionDays: number;
  /** Statements at least this slow are kept in the slow-query log. @default 100 */
  slowQueryMs: number;
  /** Milliseconds without a line before the log stream sends `: keep-alive`. @default 15000 */
  sseKeepAliveMs: number;
  /** Milliseconds between checks that a log stream's credential is still valid. @default 5000 */
  sseRecheckMs: number;
  /** How long one minute of an alert rule's `duration_minutes` lasts; only tests shorten it. @default 60000 */
  alertMinuteMs: number;
}

export const defaultObservabilityOptions: ObservabilityOptions = {
  enabled: true,
  logStoreLevel: 'info',
  logRetentionDays: 7,
  logMaxRows: 100_000,
  auditRetentionDays: 365,
  metricsIntervalMs: 10_000,
  metricsRetentionDays: 7,
  slowQueryMs: 100,
  sseKeepAliveMs: 15_000,
  sseRecheckMs: 5_000,
  alertMinuteMs: 60_000,
};

/** The options from the environment (`LOG_STORE_LEVEL`, `LOG_RETENTION_DAYS`, …). */
export function observabilityOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<ObservabilityOptions> {
  const out: Partial<ObservabilityOptions> = {};
  if (env.OBSERVABILITY) out.enabled = env.OBSERVABILITY !== 'off';
  if (env.LOG_STORE_LEVEL) out.logStoreLevel = env.LOG_STORE_LEVEL;
  if (env.LOG_RETENTION_DAYS) out.logRetentionDays = Number(env.LOG_RETENTION_DAYS);
  if (env.LOG_MAX_ROWS) out.logMaxRows = Number(env.LOG_MAX_ROWS);
  if (env.AUDIT_RETENTION_DAYS) out.auditRetentionDays = Number(env.AUDIT_RETENTION_DAYS);
  if (env.METRICS_INTERVAL_MS) out.metricsIntervalMs = Number(env.METRICS_INTERVAL_MS);
  if (env.METRICS_RETENTION_DAYS) out.metricsRetentionDays = Number(env.METRICS_RETENTION_DAYS);
  if (env.SLOW_QUERY_MS) out.slowQueryMs = Number(env.SLOW_QUERY_MS);
  return out;
}
