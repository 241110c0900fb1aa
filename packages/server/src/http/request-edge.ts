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
import type { Awaitable } from '../awaitable';
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
 * The headers every non-preflight response gets: the request id, `Vary: Origin`, and, for a
 * request from an allowed origin, the CORS headers as Hono's `cors({ credentials: true })` sets
 * them. A request without an allowed `Origin` (a server, a script, a disallowed page) gets no
 * CORS headers, as django-cors-headers and rack-cors answer it: a browser reads them only
 * beside `Access-Control-Allow-Origin`, and `Vary: Origin` keeps a cache from serving such an
 * answer to a page. They were ~200 bytes of every response.
 */
export function edgeHeaders(requestId: string, origin: string | undefined, policy: CorsPolicy): Record<string, string> {
  if (!origin || !policy.origins.includes(origin)) return { 'X-Request-Id': requestId, Vary: 'Origin' };
  const headers: Record<string, string> = {
    'X-Request-Id': requestId,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
  };
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

/** A route's answer, given the edge's scope: at once, or a promise of it. */
export type EdgeWork = (scope: EdgeScope) => Awaitable<Response>;

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
  answer(c: Context, work: EdgeWork, carries = false): Awaitable<Response> {
    const started = performance.now();
    const headers = headersOf(c.req.raw, c.env);
    const requestId = headers.get('x-request-id') ?? randomUUID();
    const responseHeaders =
      c.req.method === 'OPTIONS'
        ? { 'X-Request-Id': requestId }
        : edgeHeaders(requestId, headers.get('origin') ?? undefined, this.cors);
    const scope: EdgeScope = { requestId, headers, responseHeaders, operationId: 'unmatched' };
    this.observer?.started();
    let response: Awaitable<Response>;
    try {
      response = work(scope);
    } catch (error) {
      return this.finish(c, scope, started, this.failed(error, scope));
    }
    // A route that answered at once is answered at once: @hono/node-server then writes it without a promise.
    if (!(response instanceof Promise)) return this.finish(c, scope, started, this.carried(response, scope, carries));
    return response.then(
      (answered) => this.finish(c, scope, started, this.carried(answered, scope, carries)),
      (error) => this.finish(c, scope, started, this.failed(error, scope)),
    );
  }

  /** `response` with the edge's headers: set on it unless the route built it with them (an error body if they cannot be). */
  private carried(response: Response, scope: EdgeScope, carries: boolean): Response {
    if (carries) return response;
    try {
      setEdgeHeaders(response.headers, scope.responseHeaders);
      return response;
    } catch (error) {
      return this.failed(error, scope);
    }
  }

  private failed(error: unknown, scope: EdgeScope): Response {
    return errorResponse(error, scope.requestId, this.errorLog, scope.responseHeaders);
  }

  /** Measures and logs the answered request. */
  private finish(c: Context, scope: EdgeScope, started: number, response: Response): Response {
    const ms = performance.now() - started;
    const method = c.req.method;
    this.observer?.finished(method, scope.operationId, response.status, ms);
    this.log.request({
      requestId: scope.requestId,
      method,
      path: c.req.path,
      status: response.status,
      ms: Math.round(ms),
    });
    return response;
  }
}
