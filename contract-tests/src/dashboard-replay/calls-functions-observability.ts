/**
 * The Functions pages and `functionsService`, the Logs and Metrics pages and
 * `observabilityService` (reference §3.8, §3.9), as the dashboard sends them.
 */
import type { Reply } from './dashboard-client';
import { call, type ReplayCall, type ReplayContext } from './replay-call';
import type { Shape } from './shape';

const fn: Shape = {
  id: 'string',
  name: 'string',
  runtime: 'string',
  code: 'string',
  enabled: 'boolean',
  created_at: 'string',
  updated_at: 'string',
};
const point: Shape = [{ timestamp: 'string', value: 'number' }];
const logEntry: Shape = { timestamp: 'string', level: 'string', module: 'string', message: 'string' };
const blob = (reply: Reply) => (reply.body instanceof Uint8Array ? undefined : 'body: not bytes');
const f = (c: ReplayContext) => `/functions/${c.state.functionId}`;

/** The Functions pages (list, editor, logs) and the rest of `functionsService`. */
export const functionCalls: ReplayCall[] = [
  call('GET', '/functions/templates', (c) => c.client.send('GET', '/functions/templates'), [
    { id: 'string', name: 'string', description: 'string', runtime: 'string', code: 'string', category: 'string' },
  ]),
  call(
    'POST',
    '/functions',
    async (c) => {
      const reply = await c.client.send('POST', '/functions', {
        body: {
          name: `hello-${Date.now().toString(36)}`,
          runtime: 'deno',
          code: 'export default (req) => ({ hello: "world" })',
        },
      });
      c.state.functionId = reply.body?.id;
      return reply;
    },
    fn,
  ),
  call(
    'POST',
    '/functions/from-template',
    (c) =>
      c.client.send('POST', '/functions/from-template', {
        body: { template_id: 'http-handler', name: `tpl-${Date.now().toString(36)}` },
      }),
    fn,
  ),
  call('GET', '/functions', (c) => c.client.send('GET', '/functions'), [fn]),
  call('GET', '/functions/{functionId}', (c) => c.client.send('GET', f(c)), fn),
  call(
    'PATCH',
    '/functions/{functionId}',
    (c) =>
      c.client.send('PATCH', f(c), {
        body: { code: 'export default () => ({ ok: true })', env_vars: {}, enabled: true },
      }),
    fn,
  ),
  call('POST', '/functions/{functionId}/deploy', (c) => c.client.send('POST', `${f(c)}/deploy`), {
    version: 'number',
    deployed_at: 'string',
  }),
  call('POST', '/functions/{functionId}/invoke', (c) => c.client.send('POST', `${f(c)}/invoke`, { body: {} }), {
    duration_ms: 'number',
    'result?': 'any',
  }),
  call(
    'GET',
    '/functions/{functionId}/logs',
    (c) => c.client.send('GET', `${f(c)}/logs`, { query: { limit: 500, level: 'info' } }),
    {
      logs: [{ timestamp: 'string', level: 'string', message: 'string' }],
      total: 'number',
    },
  ),
  call(
    'GET',
    '/functions/{functionId}/invocations',
    (c) => c.client.send('GET', `${f(c)}/invocations`, { query: { limit: 20 } }),
    {
      invocations: [
        { id: 'string', function_id: 'string', duration_ms: 'number', status: 'string', invoked_at: 'string' },
      ],
      total: 'number',
    },
  ),
  call('GET', '/functions/{functionId}/stats', (c) => c.client.send('GET', `${f(c)}/stats`), {
    total_invocations: 'number',
    success_count: 'number',
    error_count: 'number',
    avg_duration_ms: 'number',
  }),
  call('GET', '/functions/{functionId}/versions', (c) => c.client.send('GET', `${f(c)}/versions`), [
    { version: 'number', created_at: 'string', code_hash: 'string' },
  ]),
  call(
    'POST',
    '/functions/{functionId}/rollback',
    (c) => c.client.send('POST', `${f(c)}/rollback`, { body: { version: 1 } }),
    fn,
  ),
  call('GET', '/functions/{functionId}/resources', (c) => c.client.send('GET', `${f(c)}/resources`), {
    memory_mb: 'number',
    cpu_time_ms: 'number',
    invocations_today: 'number',
    bandwidth_bytes: 'number',
  }),
  call('DELETE', '/functions/{functionId}', (c) => c.client.send('DELETE', f(c))),
];

/** The Logs and Metrics pages, then the rest of `observabilityService`. */
export const observabilityCalls: ReplayCall[] = [
  call(
    'GET',
    '/observability/logs',
    (c) => c.client.send('GET', '/observability/logs', { query: 'limit=100&offset=0' }),
    {
      logs: [logEntry],
      total: 'number',
      modules: ['string'],
    },
  ),
  call(
    'GET',
    '/observability/logs/stream',
    async (c) => {
      // An EventSource: no headers of its own, the token in the query; read the first bytes, then close.
      const abort = new AbortController();
      const response = await fetch(`${c.baseUrl}/observability/logs/stream?level=info&token=${c.client.accessToken}`, {
        signal: abort.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      abort.abort();
      return { status: response.status, body: { type }, headers: response.headers };
    },
    undefined,
    (reply) =>
      String(reply.body.type).startsWith('text/event-stream') ? undefined : `content-type ${reply.body.type}`,
  ),
  call('GET', '/observability/logs/modules', (c) => c.client.send('GET', '/observability/logs/modules'), ['string']),
  call(
    'GET',
    '/observability/logs/export',
    (c) => c.client.send('GET', '/observability/logs/export', { query: { format: 'json', level: 'info' }, blob: true }),
    undefined,
    blob,
  ),
  call(
    'GET',
    '/observability/metrics',
    (c) => c.client.send('GET', '/observability/metrics', { query: { timeRange: '1h' } }),
    {
      queries_per_sec: point,
      latency_p95: point,
      latency_p99: point,
      error_rate: point,
      active_connections: point,
    },
  ),
  call(
    'GET',
    '/observability/metrics/batch',
    (c) =>
      c.client.send('GET', '/observability/metrics/batch', {
        query: 'metrics[]=queries_per_sec&metrics[]=error_rate&resolution=5m',
      }),
    'object',
  ),
  call('GET', '/observability/metrics/available', (c) => c.client.send('GET', '/observability/metrics/available'), [
    { name: 'string', description: 'string', unit: 'string' },
  ]),
  call('GET', '/observability/metrics/current', (c) => c.client.send('GET', '/observability/metrics/current'), {
    cpu_usage_percent: 'number',
    memory_usage_bytes: 'number',
    active_connections: 'number',
    queries_per_second: 'number',
  }),
  call('GET', '/observability/performance', (c) => c.client.send('GET', '/observability/performance'), {
    avg_query_duration_ms: 'number',
    total_queries: 'number',
  }),
  call(
    'POST',
    '/observability/alerts',
    async (c) => {
      const reply = await c.client.send('POST', '/observability/alerts', {
        body: {
          name: 'errors',
          metric: 'error_rate',
          condition: 'gt',
          threshold: 0.5,
          duration_minutes: 5,
          notification_channels: ['email'],
        },
      });
      c.state.alertId = reply.body?.id;
      return reply;
    },
    { id: 'string' },
  ),
  call('GET', '/observability/alerts', (c) => c.client.send('GET', '/observability/alerts'), [
    { id: 'string', name: 'string', metric: 'string', condition: 'string', threshold: 'number', enabled: 'boolean' },
  ]),
  call(
    'GET',
    '/observability/alerts/history',
    (c) => c.client.send('GET', '/observability/alerts/history', { query: { limit: 20 } }),
    [{ alert_id: 'string', alert_name: 'string', triggered_at: 'string', value: 'number' }],
  ),
  call('PATCH', '/observability/alerts/{alertId}', (c) =>
    c.client.send('PATCH', `/observability/alerts/${c.state.alertId}`, { body: { enabled: false } }),
  ),
  call('DELETE', '/observability/alerts/{alertId}', (c) =>
    c.client.send('DELETE', `/observability/alerts/${c.state.alertId}`),
  ),
  call(
    'GET',
    '/observability/slow-queries',
    (c) => c.client.send('GET', '/observability/slow-queries', { query: { limit: 20 } }),
    [{ id: 'string', query: 'string', duration_ms: 'number', timestamp: 'string' }],
  ),
  call(
    'POST',
    '/observability/explain',
    (c) => c.client.send('POST', '/observability/explain', { body: { query: 'select 1' } }),
    {
      plan: 'string',
      estimated_cost: 'number',
      index_suggestions: ['string'],
    },
  ),
  call('GET', '/observability/profiler', (c) => c.client.send('GET', '/observability/profiler'), {
    top_queries: [
      { query_pattern: 'string', call_count: 'number', avg_duration_ms: 'number', total_duration_ms: 'number' },
    ],
    query_types: 'object',
    performance_trends: [{ timestamp: 'string', avg_duration_ms: 'number', query_count: 'number' }],
  }),
  call('GET', '/observability/audit', (c) => c.client.send('GET', '/observability/audit', { query: { limit: 50 } }), {
    entries: [{ id: 'string', timestamp: 'string', action: 'string' }],
    total: 'number',
  }),
  call('GET', '/observability/audit/actions', (c) => c.client.send('GET', '/observability/audit/actions'), ['string']),
];
