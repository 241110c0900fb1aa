import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { eventually, fastSuite, sleep } from './observability-fixtures';

fastSuite(import.meta.filename, 'observability: metrics, Prometheus, statements and alerts', (t, targetName) => {
  let admin: Person;
  let alice: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'obs-metrics');
  });

  const latest = (points: { value: number }[]) => points.map((p) => p.value);

  it("samples series that move with traffic, in both readers' shapes", async () => {
    await Promise.all(Array.from({ length: 40 }, () => t.call('getHealth')));
    const moved = await eventually(async () => {
      const res = await t.call('getMetrics', {
        params: { query: { metric: 'requests_per_sec', timeRange: '5m' } },
        token: admin.token,
      });
      return Math.max(0, ...latest(res.body.datapoints ?? [])) > 0 ? res : undefined;
    });
    expect(moved.body.metric).toBe('requests_per_sec');
    for (const key of ['queries_per_sec', 'latency_p95', 'latency_p99', 'error_rate', 'active_connections'] as const)
      expect(Array.isArray(moved.body[key])).toBe(true);
    expect(Math.max(...latest(moved.body.queries_per_sec))).toBeGreaterThan(0);
    const page = await t.call('getMetrics', { params: { query: { timeRange: '15m' } }, token: admin.token });
    expect(page.body.metric).toBeUndefined();
    expect(page.body.latency_p95.length).toBeGreaterThan(0);
    const hour = await t.call('getMetrics', {
      params: {
        query: { metric: 'cpu_usage_percent', resolution: '1h', since: new Date(Date.now() - 3_600_000).toISOString() },
      },
      token: admin.token,
    });
    expect(hour.body.datapoints!.length).toBeLessThanOrEqual(2);
    const unknown = await t.call('getMetrics', { params: { query: { metric: 'no_such_metric' } }, token: admin.token });
    expect(unknown.status).toBe(400);
  });

  it('answers a batch, the catalogue and the current gauges', async () => {
    const batch = await t.call('getMultipleMetrics', {
      params: { query: { 'metrics[]': ['memory_usage_bytes', 'database_size_bytes'] } },
      rawQuery: 'metrics[]=memory_usage_bytes&metrics[]=database_size_bytes',
      token: admin.token,
    });
    expect(batch.status).toBe(200);
    expect(Object.keys(batch.body).sort()).toEqual(['database_size_bytes', 'memory_usage_bytes']);
    expect(Math.max(...latest(batch.body.memory_usage_bytes))).toBeGreaterThan(1_000_000);
    const bad = await t.call('getMultipleMetrics', {
      params: { query: { 'metrics[]': ['nope'] } },
      rawQuery: 'metrics[]=nope',
      token: admin.token,
    });
    expect(bad.status).toBe(400);
    const names = await t.call('getMetricNames', { token: admin.token });
    expect(names.body.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['latency_p95', 'cpu_usage_percent']),
    );
    const current = await t.call('getCurrentMetrics', { token: admin.token });
    expect(current.body.memory_usage_bytes).toBeGreaterThan(1_000_000);
    expect(current.body.memory_total_bytes).toBeGreaterThan(current.body.memory_usage_bytes);
    expect(current.body.active_connections).toBeGreaterThanOrEqual(1);
    expect((await t.call('getCurrentMetrics', { token: alice.token })).status).toBe(403);
  });

  it('serves Prometheus text that parses, to admins only', async () => {
    const res = await t.call('getPrometheusMetrics', { token: admin.token });
    expect(res.status).toBe(200);
    const text = String(res.body);
    expect(text).toMatch(/^lockstep_http_requests_total\{method="GET",operation="getHealth",status="200"\} \d+$/m);
    expect(text).toContain('# TYPE lockstep_http_request_duration_seconds histogram');
    expect(text).toContain('lockstep_process_resident_memory_bytes');
    expect(text).toContain('lockstep_db_queries_total');
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( \d+)?$/;
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(sample);
    expect((await t.call('getPrometheusMetrics', {})).status).toBe(401);
    expect((await t.call('getPrometheusMetrics', { token: alice.token })).status).toBe(403);
  });

  it('times statements: stats, slow ones without their values, the profiler, and explain', async () => {
    const slow =
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) AS n FROM c';
    expect((await t.call('executeQuery', { body: { query: slow }, token: admin.token })).status).toBe(200);
    const stats = await t.call('getPerformanceStats', { token: admin.token });
    expect(stats.body.total_queries).toBeGreaterThan(10);
    expect(stats.body.p99_query_duration_ms).toBeGreaterThanOrEqual(stats.body.p95_query_duration_ms);
    const listed = await t.call('getSlowQueries', { params: { query: { threshold_ms: 25 } }, token: admin.token });
    const mine = listed.body.find((q: { query: string }) => q.query.startsWith('WITH RECURSIVE c(x)'));
    expect(mine, JSON.stringify(listed.body)).toBeDefined();
    expect(mine!.query).not.toContain('400000');
    expect(mine!.duration_ms).toBeGreaterThanOrEqual(25);
    const none = await t.call('getSlowQueries', {
      params: { query: { threshold_ms: 86_400_000 } },
      token: admin.token,
    });
    expect(none.body).toEqual([]);
    const profile = await t.call('getQueryProfile', { token: admin.token });
    expect(profile.body.top_queries.length).toBeGreaterThan(0);
    expect(profile.body.query_types.SELECT).toBeGreaterThan(0);
    expect(profile.body.performance_trends.length).toBeGreaterThan(0);
    await createTable(t, admin, `obs_todos_${targetName}`, [
      { name: 'id', type: 'integer', primary_key: true },
      { name: 'owner_id', type: 'text' },
    ]);
    const plan = await t.call('explainQuery', {
      body: { query: `SELECT * FROM obs_todos_${targetName} WHERE owner_id = 'u1'` },
      token: admin.token,
    });
    expect(plan.status).toBe(200);
    expect(plan.body.plan.length).toBeGreaterThan(0);
    expect(plan.body.index_suggestions).toContain(
      `CREATE INDEX obs_todos_${targetName}_owner_id_idx ON obs_todos_${targetName} (owner_id)`,
    );
    const garbage = await t.call('explainQuery', { body: { query: 'SELEKT nothing' }, token: admin.token });
    expect(garbage.status).toBe(400);
    const analyze = await t.call('explainQuery', { body: { query: 'ANALYZE DELETE FROM x' }, token: admin.token });
    expect(analyze.status).toBe(400);
  });

  it('keeps alert rules: create, conflict, change, delete', async () => {
    const name = `rule-${randomUUID()}`;
    const body = {
      name,
      metric: 'error_rate',
      condition: 'gt' as const,
      threshold: 0.5,
      duration_minutes: 5,
      notification_channels: ['log' as const],
    };
    const created = await t.call('createAlert', { body, token: admin.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, enabled: true });
    expect((await t.call('createAlert', { body, token: admin.token })).status).toBe(409);
    const unknown = await t.call('createAlert', { body: { ...body, name: 'x', metric: 'nope' }, token: admin.token });
    expect(unknown.status).toBe(400);
    const id = created.body.id;
    const off = await t.call('updateAlert', {
      params: { path: { alertId: id } },
      body: { enabled: false },
      token: admin.token,
    });
    expect(off.body.enabled).toBe(false);
    const listed = await t.call('getAlerts', { token: admin.token });
    expect(listed.body.some((a: { id: string }) => a.id === id)).toBe(true);
    expect((await t.call('deleteAlert', { params: { path: { alertId: id } }, token: admin.token })).status).toBe(204);
    expect((await t.call('deleteAlert', { params: { path: { alertId: id } }, token: admin.token })).status).toBe(404);
    const missing = await t.call('updateAlert', {
      params: { path: { alertId: id } },
      body: { enabled: true },
      token: admin.token,
    });
    expect(missing.status).toBe(404);
  });

  it('fires an alert when its condition holds and resolves it when it stops', async () => {
    const name = `memory-${randomUUID()}`;
    const created = await t.call('createAlert', {
      body: {
        name,
        metric: 'memory_usage_bytes',
        condition: 'gt',
        threshold: 1,
        duration_minutes: 1,
        notification_channels: ['log'],
      },
      token: admin.token,
    });
    const id = created.body.id;
    const fired = await eventually(async () => {
      const h = await t.call('getAlertHistory', { params: { query: { limit: 20 } }, token: admin.token });
      return h.body.find((e: { alert_id: string }) => e.alert_id === id);
    });
    expect(fired.alert_name).toBe(name);
    expect(fired.value).toBeGreaterThan(1);
    expect(fired.resolved_at).toBeUndefined();
    const rule = await t.call('updateAlert', {
      params: { path: { alertId: id } },
      body: { threshold: 1e15 },
      token: admin.token,
    });
    expect(rule.body.last_triggered_at).toBe(fired.triggered_at);
    const resolved = await eventually(async () => {
      const h = await t.call('getAlertHistory', { token: admin.token });
      return h.body.find((e: { alert_id: string; resolved_at?: string }) => e.alert_id === id && e.resolved_at);
    });
    expect(Date.parse(resolved.resolved_at!)).toBeGreaterThanOrEqual(Date.parse(fired.triggered_at));
    await sleep(0);
    const logged = await t.call('getLogs', {
      params: { query: { module: 'alerts', search: name } },
      token: admin.token,
    });
    expect(logged.body.total).toBe(1);
    expect(logged.body.logs[0].level).toBe('warn');
  });
});
