/**
 * What every request gets at the edge of the app: a request id (the client's `X-Request-Id`
 * or a new one), CORS headers for the allowed origins, one `request` log line, and a report
 * to the request metrics.
 * Preflights (`OPTIONS`) are answered whole by Hono's `cors()` middleware; for every other
 * request the same headers are set here, on the finished response's own `Headers`. Hono's
 * `cors()` and `c.header()` would rebuild the response around its body stream instead, which
 * takes @hono/node-server off its fast path (a stream read and a timer per response).
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { InfoLog } from '../log';

/** Told of every request as it starts and ends (the observability module's request metrics). */
export interface RequestObserver {
  started(): void;
  finished(method: string, operationId: string, status: number, ms: number): void;
}

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

export function requestEdge(log: InfoLog, cors: CorsPolicy, observer?: RequestObserver): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId' as never, requestId as never);
    observer?.started();
    try {
      await next();
    } finally {
      const headers = c.res.headers;
      headers.set('X-Request-Id', requestId);
      if (c.req.method !== 'OPTIONS') setCorsHeaders(headers, c.req.header('origin'), cors);
      const ms = performance.now() - started;
      const operationId = (c.get('operationId' as never) as string | undefined) ?? 'unmatched';
      observer?.finished(c.req.method, operationId, c.res.status, ms);
      const line = { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) };
      log.info(line, 'request');
    }
  };
}
