import { wholeNumber } from '../../env-number';

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
  /**
   * Request lines kept a second, besides those of 5xx answers; the rest are counted in one
   * line a second (stdout and live tails get every line: `logs/request-line-budget.ts`). @default 200
   */
  requestLinesPerSecond: number;
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
  requestLinesPerSecond: 200,
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
  if (env.LOG_RETENTION_DAYS) out.logRetentionDays = wholeNumber('LOG_RETENTION_DAYS', env.LOG_RETENTION_DAYS, 'days');
  if (env.LOG_MAX_ROWS) out.logMaxRows = wholeNumber('LOG_MAX_ROWS', env.LOG_MAX_ROWS, 'rows');
  if (env.LOG_REQUEST_LINES_PER_SECOND)
    out.requestLinesPerSecond = wholeNumber('LOG_REQUEST_LINES_PER_SECOND', env.LOG_REQUEST_LINES_PER_SECOND, 'lines');
  if (env.AUDIT_RETENTION_DAYS)
    out.auditRetentionDays = wholeNumber('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, 'days');
  if (env.METRICS_INTERVAL_MS)
    out.metricsIntervalMs = wholeNumber('METRICS_INTERVAL_MS', env.METRICS_INTERVAL_MS, 'milliseconds', 1);
  if (env.METRICS_RETENTION_DAYS)
    out.metricsRetentionDays = wholeNumber('METRICS_RETENTION_DAYS', env.METRICS_RETENTION_DAYS, 'days');
  if (env.SLOW_QUERY_MS) out.slowQueryMs = wholeNumber('SLOW_QUERY_MS', env.SLOW_QUERY_MS, 'milliseconds');
  return out;
}
