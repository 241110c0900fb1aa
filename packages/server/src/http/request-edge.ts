/**
 * What every request gets at the edge of the app: a request id (the client's `X-Request-Id`
 * or a new one), CORS headers for the allowed origins, one `request` log line, and a report
 * to the request metrics.
 * The edge wraps each route's handler (`RequestEdge.answer`) rather than running as a Hono
 * middleware: a route with one handler takes Hono's direct path, where a middleware made every
 * request go through `compose` and keep its values in the context's `Map` (~3 KB and several
 * promise turns a request). Preflights (`OPTIONS`) are answered by Hono's `cors()`, called
 * inside the edge. For every other request the edge's headers are made once: an operation
 * builds its response with them (`carries`), so its headers stay the plain object
 * @hono/node-server writes as it is; any other response (no route, `/openapi.json`) gets them
 * set on its own `Headers`. Hono's `cors()` and `c.header()` would rebuild the response around
 * its body stream instead, which takes @hono/node-server off its fast path (a stream read and
 * a timer per response).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Logger, RequestLog } from '../log';
import { errorResponse } from './error-response';
import { type HeaderReader, headersOf } from './request-headers';

/** Told of every request as it starts and ends (the observability module's request metrics). */
export interface RequestObserver {
  started(): void;
  finished(method: string, operationId: string, status: number, ms: number): void;
}

export interface CorsPolicy {
  origins: string[];
  exposeHeaders: string[];
  /** `exposeHeaders` joined, as the header says them (made once by the edge). */
  exposed?: string;
}

/**
 * The headers every non-preflight response gets: the request id, and the CORS headers as
 * Hono's `cors({ credentials: true })` sets them.
 */
export function edgeHeaders(requestId: string, origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  const headers: Record<string, string> = { 'X-Request-Id': requestId };
  if (origin && policy.origins.includes(origin)) headers['Access-Control-Allow-Origin'] = origin;
  headers['Access-Control-Allow-Credentials'] = 'true';
  const exposed = policy.exposed ?? policy.exposeHeaders.join(',');
  if (exposed) headers['Access-Control-Expose-Headers'] = exposed;
  headers.Vary = 'Origin';
  return headers;
}

/** Sets the edge's headers on a response built without them. */
export function setEdgeHeaders(headers: Headers, edge: Record<string, string>): void {
  for (const name in edge) {
    if (name === 'Vary') headers.append(name, edge[name]);
    else headers.set(name, edge[name]);
  }
}

/** What the edge knows of a request, for the route that answers it. */
export interface EdgeScope {
  readonly requestId: string;
  /** The request's headers as the pipeline reads them (`request-headers.ts`). */
  readonly headers: HeaderReader;
  /** The headers every response of this request carries. */
  readonly responseHeaders: Record<string, string>;
  /** The operation answering, for the metrics and the log; `unmatched` until a route says. */
  operationId: string;
}

/** A route's answer, given the edge's scope. */
export type EdgeWork = (scope: EdgeScope) => Response | Promise<Response>;

export class RequestEdge {
  private readonly cors: CorsPolicy;

  constructor(
    private readonly log: RequestLog,
    cors: CorsPolicy,
    private readonly errorLog: Logger,
    private readonly observer?: RequestObserver,
  ) {
    this.cors = { ...cors, exposed: cors.exposeHeaders.join(',') };
  }

  /**
   * Answers `c` with `work`, logged and measured. `carries`: `work` builds its response with
   * `scope.responseHeaders` (else they are set on the response it returns). A thrown error
   * becomes the spec's error body.
   */
  async answer(c: Context, work: EdgeWork, carries = false): Promise<Response> {
    const started = performance.now();
    const headers = headersOf(c.req.raw, c.env);
    const requestId = headers.get('x-request-id') ?? randomUUID();
    const method = c.req.method;
    const responseHeaders =
      method === 'OPTIONS'
        ? { 'X-Request-Id': requestId }
        : edgeHeaders(requestId, headers.get('origin') ?? undefined, this.cors);
    const scope: EdgeScope = { requestId, headers, responseHeaders, operationId: 'unmatched' };
    this.observer?.started();
    let response: Response;
    try {
      response = await work(scope);
      if (!carries) setEdgeHeaders(response.headers, responseHeaders);
    } catch (error) {
      response = errorResponse(error, requestId, this.errorLog, responseHeaders);
    }
    const ms = performance.now() - started;
    this.observer?.finished(method, scope.operationId, response.status, ms);
    this.log.request({ requestId, method, path: c.req.path, status: response.status, ms: Math.round(ms) });
    return response;
  }
}
