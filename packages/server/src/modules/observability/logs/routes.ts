/** Log handlers: query, modules, export, live stream. HTTP in, one `LogsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { pageOf, totalHeader } from '../../../http/paging';
import { instant } from '../windows';

/** Kept logs: query, modules, export, live stream. */
export const logRoutes = {
  getLogs: async ({ query, services }) => {
    const filter = { ...query, since: instant(query.since), until: instant(query.until) };
    const body = await services.observability.areas.logs.page(filter, query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body, headers: totalHeader(body.total) };
  },
  getLogModules: async ({ query, services }) => {
    const all = await services.observability.areas.logs.modules();
    return { status: 200, body: pageOf(all, query), headers: totalHeader(all.length) };
  },
  exportLogs: async ({ query, services }) => {
    const format = query.format ?? 'json';
    const filter = { level: query.level, since: instant(query.since), until: instant(query.until) };
    const body = await services.observability.areas.logs.export(filter, format);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
        'content-disposition': `attachment; filename="logs-${stamp}.${format}"`,
      },
    });
  },
  streamLogs: async ({ query, services, headers, request }) => {
    const body = services.observability.areas.logs.live({
      level: query.level,
      module: query.module,
      stillValid: () => services.credentials.resolve(headers),
      signal: request.signal,
    });
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
    });
  },
} satisfies Partial<ModuleHandlers<'observability'>>;
