/**
 * The reference server as a fetch handler: `(Request) => Promise<Response>`. Routes are
 * registered by walking the spec's operations, each bound to its handler by operationId;
 * nothing else is served but `/openapi.json` and `/docs`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  createAjv,
  matchesTemplate,
  type OperationId,
  openapiDocument,
  operations,
  ResponseValidator,
  routingOrder,
} from '@lockstep/contract';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Awaitable } from './awaitable';
import { defaultConfig, finalizeConfig, type ServerConfig } from './config';
import { handlers as allHandlers, errorShapers } from './handlers';
import { Admission } from './http/admission';
import { CachedRouter } from './http/cached-router';
import { errorResponse } from './http/error-response';
import type { HandlerMap } from './http/handler-types';
import { errors, HttpError } from './http/http-error';
import { type OperationRoute, operationRoute } from './http/operation-route';
import { type CorsPolicy, type EdgeScope, RequestEdge } from './http/request-edge';
import type { HeaderReader } from './http/request-headers';
import { toRouterPath } from './http/router-path';
import { runOperation } from './http/run-operation';
import { createLogger, createRequestLog } from './log';
import { withQueryToken } from './modules/observability/logs/query-token';
import { LogSink } from './modules/observability/logs/sink';
import { defaultObservabilityOptions } from './modules/observability/options';
import { createServices, type Services } from './services';

/** A running server, callable in-process. */
export interface App {
  fetch: (request: Request, env?: unknown) => Promise<Response>;
  /**
   * `fetch` for Node's server (`listen`): the response itself when the route answered at
   * once, which @hono/node-server then writes without a promise.
   */
  respond: (request: Request, env?: unknown) => Awaitable<Response>;
  services: Services;
  routes: OperationRoute[];
  close: () => Promise<void>;
}

/** Refuses to start unless handlers and operations match one to one. */
export function checkBijection(handlers: Record<string, unknown>): void {
  const ops = Object.keys(operations);
  const missing = ops.filter((id) => !(id in handlers));
  const extra = Object.keys(handlers).filter((id) => !(id in operations));
  if (missing.length || extra.length) {
    throw new Error(
      `handlers and spec disagree: missing ${missing.join(', ') || 'none'}; without an operation ${extra.join(', ') || 'none'}`,
    );
  }
}

let compiledRoutes: readonly OperationRoute[] | undefined;

/**
 * The routes and their compiled validators, built once per process: they depend on the spec
 * alone, and compiling every operation's schemas is most of a server's start-up (a process that
 * starts several servers, as the tests and a cluster do, compiled them once per server).
 */
function buildRoutes(): OperationRoute[] {
  if (!compiledRoutes) {
    const ajv = { params: createAjv(openapiDocument, true), body: createAjv(openapiDocument, false) };
    const rows = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));
    compiledRoutes = Object.freeze(
      routingOrder(rows).map((row) => Object.freeze(operationRoute(openapiDocument, ajv, row))),
    );
  }
  return [...compiledRoutes];
}

let responseValidator: ResponseValidator | undefined;

/** One response validator per process: it compiles each operation's response schema when first used. */
function sharedResponseValidator(): ResponseValidator {
  responseValidator ??= new ResponseValidator(openapiDocument, createAjv(openapiDocument, false));
  return responseValidator;
}

const docsFile = new URL('../docs/index.html', import.meta.url);

function serveDocs(): Response {
  if (!existsSync(docsFile)) throw errors.unavailable('The API reference is not built: run npm run docs.');
  return new Response(readFileSync(docsFile), { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function clientIpOf(headers: HeaderReader, env: any, trustProxy: boolean): string {
  const forwarded = trustProxy ? headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || env?.incoming?.socket?.remoteAddress || 'local';
}

/** The Node request a request came in on, when @hono/node-server serves it (`env.incoming`). */
function nodeBodyOf(env: any): AsyncIterable<Uint8Array> | undefined {
  const incoming = env?.incoming;
  return incoming && typeof incoming[Symbol.asyncIterator] === 'function' ? incoming : undefined;
}

function unmatched(routes: OperationRoute[], request: Request): HttpError {
  const { pathname } = new URL(request.url);
  const methods = routes
    .filter((r) => matchesTemplate(r.path, pathname, r.pathTail))
    .map((r) => r.method.toUpperCase());
  if (methods.length === 0)
    return new HttpError(404, 'ROUTE_NOT_FOUND', `No operation of the spec serves ${request.method} ${pathname}.`);
  return new HttpError(
    405,
    'METHOD_NOT_ALLOWED',
    `${pathname} does not take ${request.method}; it takes ${methods.join(', ')}.`,
    undefined,
    {
      Allow: [...new Set(methods)].join(', '),
    },
  );
}

function mount(
  app: Hono,
  edge: RequestEdge,
  routes: OperationRoute[],
  handlers: HandlerMap,
  services: Services,
  validator?: ResponseValidator,
) {
  const admission = new Admission(services.config.maxConcurrentOperations);
  const { trustProxy } = services.config;
  for (const route of routes) {
    const handler = handlers[route.operationId as OperationId] as never;
    const options = { validator, shapeError: errorShapers[route.operationId as OperationId] };
    // Probes are never queued: they must answer while the server is saturated.
    const admit = route.tag === 'health' ? <T>(work: () => Awaitable<T>) => work() : admission.run.bind(admission);
    const operation = (c: Context, scope: EdgeScope) => {
      const request = withQueryToken(route.operationId, c.req.raw);
      // A request given a credential from the query is a new Request: its own headers carry it.
      const headers = request === c.req.raw ? scope.headers : request.headers;
      const info = {
        request,
        headers,
        params: c.req.param() as Record<string, string>,
        requestId: scope.requestId,
        clientIp: clientIpOf(headers, c.env, trustProxy),
        edgeHeaders: scope.responseHeaders,
        bodySource: nodeBodyOf(c.env),
      };
      return runOperation(route, handler, services, info, options);
    };
    app.on(route.method.toUpperCase(), toRouterPath(route.path, route.pathTail), (c) =>
      edge.answer(
        c,
        (scope) => {
          scope.operationId = route.operationId;
          return admit(() => operation(c, scope));
        },
        true,
      ),
    );
  }
}

/** The response headers a browser app may read. */
const EXPOSED_HEADERS = [
  'X-Total-Count',
  'Retry-After',
  'X-Request-Id',
  'ETag',
  'Content-Disposition',
  'Content-Range',
  'Accept-Ranges',
  'Content-Length',
];

/** Builds the server: opens and migrates the database, compiles the spec's validators, mounts every operation. */
export async function createApp(
  overrides: Partial<ServerConfig> = {},
  handlers: HandlerMap = allHandlers,
): Promise<App> {
  checkBijection(handlers);
  const config = finalizeConfig({ ...defaultConfig, ...overrides });
  const observability = { ...defaultObservabilityOptions, ...config.observability };
  const logSink = new LogSink({ requestLinesPerSecond: observability.requestLinesPerSecond });
  const keepLevel = observability.logStoreLevel;
  const keep = observability.enabled !== false ? { stream: logSink, level: keepLevel } : undefined;
  const log = createLogger(config.logLevel, keep);
  const services = await createServices(config, log, logSink);
  if (await services.setup.isOpen()) {
    const hint = 'setup is open: run it from this machine, or send this one-time token as X-Setup-Token';
    log.warn({ setupToken: services.setup.setupToken }, hint);
  }
  const routes = buildRoutes();
  const validator = config.validateResponses ? sharedResponseValidator() : undefined;
  const app = new Hono({ router: new CachedRouter() });
  const corsPolicy: CorsPolicy = { origins: config.corsOrigins, exposeHeaders: EXPOSED_HEADERS };
  const requestLog = createRequestLog(log, config.logLevel, keep);
  const edge = new RequestEdge(requestLog, corsPolicy, log, services.observability.requests);
  const preflight = cors({ origin: config.corsOrigins, credentials: true, exposeHeaders: EXPOSED_HEADERS });
  app.options('*', (c) => edge.answer(c, async () => (await preflight(c, async () => {})) as Response));
  const specText = JSON.stringify(openapiDocument);
  const spec = () => new Response(specText, { headers: { 'content-type': 'application/json' } });
  app.get('/openapi.json', (c) => edge.answer(c, spec));
  app.get('/docs', (c) => edge.answer(c, serveDocs));
  mount(app, edge, routes, handlers, services, validator);
  app.notFound((c) =>
    edge.answer(c, () => {
      throw unmatched(routes, c.req.raw);
    }),
  );
  // The edge answers every error of a route; this is for a failure of the edge itself.
  app.onError((error) => errorResponse(error, randomUUID(), log));
  return {
    // A route answers a Response at once or a promise of one; `Promise.resolve` of a promise is
    // that promise: no second async function (and its turns) around it.
    fetch: (request, env) => Promise.resolve(app.fetch(request, env)),
    respond: (request, env) => app.fetch(request, env),
    services,
    routes,
    close: async () => {
      await services.functions.close();
      await services.backup.close();
      await services.cluster.stop();
      await services.realtime.close();
      await services.changes.close();
      await services.webhooks.close();
      await services.observability.close();
      await services.storage.close();
      await services.database.close();
    },
  };
}
