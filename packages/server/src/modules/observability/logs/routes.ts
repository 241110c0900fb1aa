/** Log handlers: query, modules, export, live stream. HTTP in, the log store or sink, HTTP out. */
import type { Handler } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { instant } from '../windows';
import { entryView } from './entry';
import { exportStream } from './export';
import { logEventStream } from './stream';

export const getLogs: Handler<'getLogs'> = async ({ query, services }) => {
  const o = services.observability;
  await o.sink.flush();
  const filter = { ...query, since: instant(query.since), until: instant(query.until) };
  const [{ entries, total }, modules] = await Promise.all([
    o.logs.page(filter, query.limit ?? 50, query.offset ?? 0),
    o.logs.modules(),
  ]);
  return { status: 200, body: { logs: entries.map(entryView), total, modules }, headers: totalHeader(total) };
};

export const getLogModules: Handler<'getLogModules'> = async ({ query, services }) => {
  await services.observability.sink.flush();
  const all = await services.observability.logs.modules();
  const offset = query.offset ?? 0;
  return { status: 200, body: all.slice(offset, offset + (query.limit ?? 50)), headers: totalHeader(all.length) };
};

export const exportLogs: Handler<'exportLogs'> = async ({ query, services }) => {
  const o = services.observability;
  await o.sink.flush();
  const format = query.format ?? 'json';
  const filter = { level: query.level, since: instant(query.since), until: instant(query.until) };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(exportStream(o.logs, filter, format), {
    status: 200,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'content-disposition': `attachment; filename="logs-${stamp}.${format}"`,
    },
  });
};

export const streamLogs: Handler<'streamLogs'> = async ({ query, services, headers, request }) => {
  const o = services.observability;
  const body = logEventStream({
    sink: o.sink,
    level: query.level,
    module: query.module,
    keepAliveMs: o.options.sseKeepAliveMs,
    recheckMs: o.options.sseRecheckMs,
    stillValid: () => services.credentials.resolve(headers),
    signal: request.signal,
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
  });
};
