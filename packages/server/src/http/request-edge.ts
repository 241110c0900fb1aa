/**
 * What every request gets at the edge of the app: a request id (the client's `X-Request-Id`
 * or a new one), CORS headers for the allowed origins, and one `request` log line.
 * Preflights (`OPTIONS`) are answered whole by Hono's `cors()` middleware; for every other
 * request the same headers are set here, on the finished response's own `Headers`. Hono's
 * `cors()` and `c.header()` would rebuild the response around its body stream instead, which
 * takes @hono/node-server off its fast path (a stream read and a timer per response).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../log';

export interface CorsPolicy {
  origins: string[];
  exposeHeaders: string[];
}

/** The CORS headers of a non-preflight response, as Hono's `cors({ credentials: true })` sets them. */
export function setCorsHeaders(headers: Headers, origin: string | undefined, policy: CorsPolicy): void {
  if (origin && policy.origins.includes(origin)) headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Allow-Credentials', 'true');
  if (policy.exposeHeaders.length > 0) headers.set('Access-Control-Expose-Headers', policy.exposeHeaders.join(','));
  headers.append('Vary', 'Origin');
}

/** The request id of a request that passed through `requestEdge`. */
export function requestIdOf(c: Context): string {
  return c.get('requestId' as never) as string;
}

export function requestEdge(log: Logger, cors: CorsPolicy): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId' as never, requestId as never);
    await next();
    const headers = c.res.headers;
    headers.set('X-Request-Id', requestId);
    if (c.req.method !== 'OPTIONS') setCorsHeaders(headers, c.req.header('origin'), cors);
    const ms = Math.round(performance.now() - started);
    log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  };
}
