import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

/** Admin reads with a parameter out of its schema, each answered 400 VALIDATION_FAILED naming it. */
const BAD_READS: Array<[operation: string, path: string, field: string]> = [
  ['listBackups', '/backup/list?limit=0', 'query.limit'],
  ['getBackupHistory', '/backup/history?since=yesterday', 'query.since'],
  ['getNodes', '/cluster/nodes?offset=-1', 'query.offset'],
  ['getReplicationStatus', '/cluster/replication/status?limit=0', 'query.limit'],
  ['getLogs', '/observability/logs?level=loud', 'query.level'],
  ['streamLogs', '/observability/logs/stream?level=loud', 'query.level'],
  ['getLogModules', '/observability/logs/modules?limit=0', 'query.limit'],
  ['exportLogs', '/observability/logs/export?format=xml', 'query.format'],
  ['getMetricNames', '/observability/metrics/available?limit=0', 'query.limit'],
  ['getAlerts', '/observability/alerts?limit=0', 'query.limit'],
  ['getAlertHistory', '/observability/alerts/history?since=yesterday', 'query.since'],
  ['getSlowQueries', '/observability/slow-queries?threshold_ms=-5', 'query.threshold_ms'],
  ['getQueryProfile', '/observability/profiler?until=soon', 'query.until'],
  ['listSnapshots', '/snapshots?limit=0', 'query.limit'],
  ['listWebhooks', '/webhooks?offset=-1', 'query.offset'],
];

contractSuite(import.meta.filename, 'list and window parameters of the admin reads', (t) => {
  let admin: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
  });

  it.each(BAD_READS)('%s refuses %s with 400 naming %s', async (_operation, path, field) => {
    const res = await t.raw.get(path, { token: admin.token });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
