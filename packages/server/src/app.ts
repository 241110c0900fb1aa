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
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { defaultConfig, finalizeConfig, type ServerConfig } from './config';
import { handlers as allHandlers, errorShapers } from './handlers';
import { errorResponse } from './http/error-response';
import type { HandlerMap } from './http/handler-types';
import { HttpError } from './http/http-error';
import { type OperationRoute, operationRoute } from './http/operation-route';
import { toRouterPath } from './http/router-path';
import { runOperation } from './http/run-operation';
import { createLogger, type Logger } from './log';
import { createServices, type Services } from './services';

/** A running server, callable in-process. */
export interface App {
  fetch: (request: Request, env?: unknown) => Promise<Response>;
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

function buildRoutes(): OperationRoute[] {
  const ajv = { params: createAjv(openapiDocument, true), body: createAjv(openapiDocument, false) };
  const rows = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));
  return routingOrder(rows).map((row) => operationRoute(openapiDocument, ajv, row));
}

const docsFile = new URL('../docs/index.html', import.meta.url);

function serveDocs(): Response {
  if (!existsSync(docsFile))
    throw new HttpError(503, 'UNAVAILABLE', 'The API reference is not built: run npm run docs.');
  return new Response(readFileSync(docsFile), { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function clientIpOf(request: Request, env: any, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || env?.incoming?.socket?.remoteAddress || 'local';
}

function unmatched(routes: OperationRoute[], request: Request): HttpError {
  const { pathname } = new URL(request.url);
  const methods = routes.filter((r) => matchesTemplate(r.path, pathname)).map((r) => r.method.toUpperCase());
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
  routes: OperationRoute[],
  handlers: HandlerMap,
  services: Services,
  validator?: ResponseValidator,
) {
  for (const route of routes) {
    const handler = handlers[route.operationId as OperationId];
    app.on(route.method.toUpperCase(), toRouterPath(route.path), (c) =>
      runOperation(
        route,
        handler as never,
        services,
        {
          request: c.req.raw,
          params: c.req.param() as Record<string, string>,
          requestId: c.get('requestId' as never) as string,
          clientIp: clientIpOf(c.req.raw, c.env, services.config.trustProxy),
        },
        { validator, shapeError: errorShapers[route.operationId as OperationId] },
      ),
    );
  }
}

function requestLog(log: Logger) {
  return async (c: any, next: () => Promise<void>) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    log.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}

/** Builds the server: opens and migrates the database, compiles the spec's validators, mounts every operation. */
export async function createApp(
  overrides: Partial<ServerConfig> = {},
  handlers: HandlerMap = allHandlers,
): Promise<App> {
  checkBijection(handlers);
  const config = finalizeConfig({ ...defaultConfig, ...overrides });
  const log = createLogger(config.logLevel);
  const services = await createServices(config, log);
  if (await services.setup.isOpen()) {
    const hint = 'setup is open: run it from this machine, or send this one-time token as X-Setup-Token';
    log.warn({ setupToken: services.setup.setupToken }, hint);
  }
  const routes = buildRoutes();
  const validator = config.validateResponses
    ? new ResponseValidator(openapiDocument, createAjv(openapiDocument, false))
    : undefined;
  const app = new Hono();
  app.use('*', requestLog(log));
  app.use('*', async (c, next) => {
    const refusal = services.backup.pause.refusal(c.req.method);
    if (refusal) return errorResponse(refusal, c.get('requestId' as never) as string, log);
    await next();
  });
  app.use(
    '*',
    cors({
      origin: config.corsOrigins,
      credentials: true,
      exposeHeaders: [
        'X-Total-Count',
        'Retry-After',
        'X-Request-Id',
        'ETag',
        'Content-Disposition',
        'Content-Range',
        'Accept-Ranges',
        'Content-Length',
      ],
    }),
  );
  const specText = JSON.stringify(openapiDocument);
  app.get('/openapi.json', () => new Response(specText, { headers: { 'content-type': 'application/json' } }));
  app.get('/docs', () => serveDocs());
  mount(app, routes, handlers, services, validator);
  app.notFound((c) => errorResponse(unmatched(routes, c.req.raw), c.get('requestId' as never) as string, log));
  app.onError((error, c) => errorResponse(error, c.get('requestId' as never) as string, log));
  return {
    fetch: async (request, env) => app.fetch(request, env),
    services,
    routes,
    close: async () => {
      await services.backup.close();
      await services.cluster.stop();
      await services.realtime.close();
      await services.storage.close();
      await services.database.close();
    },
  };
}
