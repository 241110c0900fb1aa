/**
 * What every request gets at the edge of the app: a request id (the client's `X-Request-Id`
 * or a new one), CORS headers for the allowed origins, one `request` log line, and a report
 * to the request metrics.
 * Preflights (`OPTIONS`) are answered whole by Hono's `cors()` middleware. For every other
 * request the same headers are made once here (`edgeHeadersOf`): an operation builds its
 * response with them (`carryEdgeHeaders`), so its headers stay the plain object
 * @hono/node-server writes as it is; any other response (no route, `/openapi.json`) gets them
 * set on its own `Headers`. Hono's `cors()` and `c.header()` would rebuild the response around
 * its body stream instead, which takes @hono/node-server off its fast path (a stream read and
 * a timer per response).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { RequestLog } from '../log';
import { headersOf } from './request-headers';

/** Told of every request as it starts and ends (the observability module's request metrics). */
export interface RequestObserver {
  started(): void;
  finished(method: string, operationId: string, status: number, ms: number): void;
}

export interface CorsPolicy {
  origins: string[];
  exposeHeaders: string[];
}

/**
 * The headers every non-preflight response gets: the request id, and the CORS headers as
 * Hono's `cors({ credentials: true })` sets them.
 */
export function edgeHeaders(requestId: string, origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  const headers: Record<string, string> = { 'X-Request-Id': requestId };
  if (origin && policy.origins.includes(origin)) headers['Access-Control-Allow-Origin'] = origin;
  headers['Access-Control-Allow-Credentials'] = 'true';
  if (policy.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = policy.exposeHeaders.join(',');
  headers.Vary = 'Origin';
  return headers;
}

/** The request id of a request that passed through `requestEdge`. */
export function requestIdOf(c: Context): string {
  return c.get('requestId' as never) as string;
}

/** The edge's headers of this request (empty for a preflight), for the operation to build its response with. */
export function edgeHeadersOf(c: Context): Record<string, string> {
  return (c.get('edgeHeaders' as never) as Record<string, string> | undefined) ?? {};
}

/** Says that the response of this request was built with `edgeHeadersOf(c)`. */
export function carryEdgeHeaders(c: Context): void {
  c.set('edgeCarried' as never, true as never);
}

/** Sets the edge's headers on a response built without them. */
export function setEdgeHeaders(headers: Headers, edge: Record<string, string>): void {
  for (const name in edge) {
    if (name === 'Vary') headers.append(name, edge[name]);
    else headers.set(name, edge[name]);
  }
}

export function requestEdge(log: RequestLog, cors: CorsPolicy, observer?: RequestObserver): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const headers = headersOf(c.req.raw, c.env);
    const requestId = headers.get('x-request-id') ?? randomUUID();
    c.set('requestId' as never, requestId as never);
    const preflight = c.req.method === 'OPTIONS';
    const edge = preflight
      ? { 'X-Request-Id': requestId }
      : edgeHeaders(requestId, headers.get('origin') ?? undefined, cors);
    if (!preflight) c.set('edgeHeaders' as never, edge as never);
    observer?.started();
    try {
      await next();
    } finally {
      if (!c.get('edgeCarried' as never)) setEdgeHeaders(c.res.headers, edge);
      const ms = performance.now() - started;
      const operationId = (c.get('operationId' as never) as string | undefined) ?? 'unmatched';
      observer?.finished(c.req.method, operationId, c.res.status, ms);
      log.request({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) });
    }
  };
}
