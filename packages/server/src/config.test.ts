import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it.each([
    { given: { REDIS_URL: 'redis://127.0.0.1:6379' }, want: 'redis://127.0.0.1:6379' },
    { given: {}, want: undefined },
  ])('REDIS_URL $given.REDIS_URL → redisUrl $want', ({ given, want }) => {
    expect(configFromEnv(given).redisUrl).toBe(want);
  });

  it('reads whole numbers', () => {
    const c = configFromEnv({
      PORT: '8080',
      MAX_JSON_BODY_BYTES: '2048',
      SESSION_CACHE_MS: '0',
      PITR_RETENTION_HOURS: '24',
    });
    expect(c).toMatchObject({ port: 8080, maxJsonBodyBytes: 2048, sessionCacheMs: 0, pitrRetentionHours: 24 });
    const modules = configFromEnv({ LOG_REQUEST_LINES_PER_SECOND: '50', LOG_MAX_ROWS: '1000', FUNCTIONS_WORKERS: '2' });
    expect(modules.observability).toMatchObject({ requestLinesPerSecond: 50, logMaxRows: 1000 });
    expect(modules.functions).toMatchObject({ workers: 2 });
  });

  it.each([
    { PORT: '80a' },
    { PORT: '70000' },
    { MAX_JSON_BODY_BYTES: '1mb' },
    { MAX_JSON_BODY_BYTES: '0' },
    { MAX_CONCURRENT_OPERATIONS: '2.5' },
    { SESSION_CACHE_MS: 'soon' },
    { SESSION_CACHE_MS: '-1' },
    { PITR_RETENTION_HOURS: ' ' },
    { LOG_MAX_ROWS: 'lots' },
    { LOG_RETENTION_DAYS: '7d' },
    { LOG_REQUEST_LINES_PER_SECOND: '-5' },
    { METRICS_INTERVAL_MS: '0' },
    { SLOW_QUERY_MS: 'fast' },
    { FUNCTIONS_WORKERS: '0' },
    { FUNCTIONS_CPU_LIMIT_MS: '1s' },
    { WEBHOOKS_TIMEOUT_MS: 'NaN' },
  ])('refuses %j with an error that names the setting', (env) => {
    const [name] = Object.keys(env);
    expect(() => configFromEnv(env)).toThrow(new RegExp(`^${name} must be a whole number`));
  });
});
