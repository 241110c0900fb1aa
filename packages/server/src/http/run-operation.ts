/**
 * The pipeline every operation goes through: credentials, access, parsing and validation
 * against the spec, the handler, and (in tests) the response checked against the spec.
 */
import type { OperationId } from '@lockstep/contract';
import { type FieldError, fieldErrors, type ResponseValidator } from '@lockstep/contract';
import { type Awaitable, andThen } from '../awaitable';
import { anonymous, type Caller } from '../data/caller';
import type { Services } from '../services';
import { authorize } from './access';
import type { AuditRule } from './audit-rule';
import { errorResponse } from './error-response';
import type { Handler, HandlerContext } from './handler-types';
import { errors, HttpError } from './http-error';
import { jsonResponse } from './json-response';
import type { OperationRoute } from './operation-route';
import { type BodySource, parseHeaders, parseJsonBody, parseQuery, searchParamsOf } from './parse-request';
import { setEdgeHeaders } from './request-edge';
import type { HeaderReader } from './request-headers';

/** What one request brings besides the Request itself. */
export interface RequestInfo {
  request: Request;
  /** The request's headers as the pipeline reads them (`request-headers.ts`). */
  headers: HeaderReader;
  params: Record<string, string>;
  requestId: string;
  clientIp: string;
  /** Headers every response of this request carries (`request-edge.ts`), merged in as the response is built. */
  edgeHeaders?: Record<string, string>;
  /** The body's bytes straight from Node's request, when served by Node: see `BodySource`. */
  bodySource?: BodySource;
}

/** The caller of a request; a public operation treats a credential it cannot use as none. */
function callerFor(route: OperationRoute, services: Services, headers: HeaderReader): Awaitable<Caller> {
  if (route.access !== 'public') return services.credentials.callerOf(headers);
  try {
    const caller = services.credentials.callerOf(headers);
    return caller instanceof Promise ? caller.catch(() => anonymous) : caller;
  } catch {
    return anonymous;
  }
}

interface ValidInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  searchParams: Iterable<[string, string]>;
}

/** The request's parameters and body, checked against the spec; an operation without a body does not wait a turn for one. */
function validatedInput(route: OperationRoute, info: RequestInfo, bodyLimit: number): Awaitable<ValidInput> {
  const searchParams = searchParamsOf(info.request.url);
  const input = {
    path: { ...info.params },
    query: parseQuery(searchParams, route),
    header: parseHeaders(info.headers, route.headerParams),
  };
  const problems: FieldError[] = [];
  if (route.validateParams && !route.validateParams(input)) problems.push(...fieldErrors(route.validateParams.errors));
  const valid = (body: unknown): ValidInput => {
    if (body === undefined && route.bodyRequired && route.validateBody)
      problems.push({ field: 'body', message: 'is required' });
    else if (body !== undefined && route.validateBody && !route.validateBody(body)) {
      problems.push(...fieldErrors(route.validateBody.errors, 'body'));
    }
    if (problems.length > 0) throw errors.validation(problems);
    return { params: input.path, query: input.query, body, searchParams };
  };
  if (route.bodyTypes.length === 0) return valid(undefined);
  return parseJsonBody(info.request, route, bodyLimit, info.bodySource, info.headers).then(valid);
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Response;

function toResponse(reply: Reply, edge: Record<string, string> = {}): Response {
  if (reply instanceof Response) {
    setEdgeHeaders(reply.headers, edge);
    return reply;
  }
  const { status, body } = reply;
  const empty = body === undefined || status === 204 || status === 304;
  if (!empty && !isRaw(body)) return jsonResponse(body, status, reply.headers, edge);
  const headers = reply.headers ? { ...reply.headers, ...edge } : edge;
  return new Response(empty ? null : (body as BodyInit), { status, headers });
}

/** A body sent as it is: a stream, bytes, text or a blob (anything else is sent as JSON). */
function isRaw(body: unknown): boolean {
  return (
    body instanceof ReadableStream || body instanceof Uint8Array || typeof body === 'string' || body instanceof Blob
  );
}

/** What the pipeline learnt of a request before it answered or failed: for the audit log. */
interface Seen {
  caller?: Caller;
  input?: { params: Record<string, string>; body: unknown };
}

/**
 * The operation's answer, or a thrown (or rejected) error: the caller, their access, the input
 * checked against the spec, then the handler. Each step answers at once when it waited for
 * nothing, so an operation whose handler did too is answered without a promise.
 */
function answer(
  route: OperationRoute,
  handler: Handler<any>,
  services: Services,
  info: RequestInfo,
  seen: Seen,
): Awaitable<Response> {
  return andThen(callerFor(route, services, info.headers), (caller) => {
    seen.caller = caller;
    authorize(route.access, caller, route.method, route.keyPermission);
    const validated = validatedInput(route, info, route.bodyLimit ?? services.config.maxJsonBodyBytes);
    return andThen(validated, (input) => {
      seen.input = input;
      return andThen(handler(handlerContext(route, services, info, caller, input)), (reply) =>
        toResponse(reply, info.edgeHeaders),
      );
    });
  });
}

/** What the handler is given; 503 while a restore pauses writes (bad input is still told what is wrong first). */
function handlerContext(
  route: OperationRoute,
  services: Services,
  info: RequestInfo,
  caller: Caller,
  input: ValidInput,
): HandlerContext<OperationId> {
  const paused = services.backup.pause.refusal(route.method);
  if (paused) throw paused;
  return {
    operationId: route.operationId as OperationId,
    params: input.params as never,
    query: input.query as never,
    body: input.body as never,
    searchParams: input.searchParams,
    headers: info.headers,
    // authorize() refused an anonymous caller of an operation that needs a signed-in one:
    // what `CallerOf<K>` promises the handler.
    caller: caller as never,
    request: info.request,
    requestId: info.requestId,
    clientIp: info.clientIp,
    services,
  };
}

async function jsonOf(response: Response): Promise<unknown> {
  if (!/json/.test(response.headers.get('content-type') ?? '')) return undefined;
  return response
    .clone()
    .json()
    .catch(() => undefined);
}

/** Records the outcome in the audit log; a failure to record is logged, never the client's problem. */
async function audit(
  route: OperationRoute,
  rule: AuditRule,
  services: Services,
  info: RequestInfo,
  seen: Seen,
  response: Response,
): Promise<void> {
  const { caller, input } = seen;
  try {
    await services.observability.audit.record(rule, {
      operationId: route.operationId,
      method: route.method,
      path: new URL(info.request.url).pathname,
      status: response.status,
      ip: info.clientIp || undefined,
      at: Date.now(),
      params: input?.params ?? {},
      body: input?.body,
      response: rule.id?.from === 'response' || rule.actor?.from === 'response' ? await jsonOf(response) : undefined,
      callerId: caller?.kind === 'user' ? caller.userId : null,
    });
  } catch (error) {
    services.log.error(
      { err: error, requestId: info.requestId, module: 'observability' },
      'audit: an entry was not recorded',
    );
  }
}

/** Re-shapes an operation's errors where its spec documents a wider error body (the unified operation). */
export type ErrorShaper = (error: unknown, log: Services['log'], requestId: string) => HttpError;

/** How one route answers besides its handler: the response check of tests, its own error body. */
export interface RouteOptions {
  validator?: ResponseValidator;
  shapeError?: ErrorShaper;
}

/** The error body for an operation's failure, shaped where its spec documents a wider one. */
function failure(error: unknown, services: Services, info: RequestInfo, shapeError?: ErrorShaper): Response {
  const shaped = shapeError ? shapeError(error, services.log, info.requestId) : error;
  return errorResponse(shaped, info.requestId, services.log, info.edgeHeaders);
}

/**
 * Runs one operation and always answers a Response: the handler's, or the error body. At once
 * when every step did and nothing is left to do after it (no audit rule, no response check).
 */
export function runOperation(
  route: OperationRoute,
  handler: Handler<any>,
  services: Services,
  info: RequestInfo,
  options: RouteOptions = {},
): Awaitable<Response> {
  const seen: Seen = {};
  let response: Awaitable<Response>;
  try {
    response = answer(route, handler, services, info, seen);
    if (response instanceof Promise)
      response = response.catch((error) => failure(error, services, info, options.shapeError));
  } catch (error) {
    response = failure(error, services, info, options.shapeError);
  }
  if (!route.audit && !options.validator) return response;
  return andThen(response, (answered) => afterAnswer(route, services, info, seen, answered, options.validator));
}

/** What follows an answer: its audit entry, and (in tests) its check against the spec. */
async function afterAnswer(
  route: OperationRoute,
  services: Services,
  info: RequestInfo,
  seen: Seen,
  response: Response,
  validator: ResponseValidator | undefined,
): Promise<Response> {
  if (route.audit) await audit(route, route.audit, services, info, seen, response);
  if (!validator) return response;
  const violation = await validator.violation(route.path, route.method, response);
  if (!violation) return response;
  services.log.error({ requestId: info.requestId, violation }, 'response violates the spec');
  return errorResponse(new HttpError(500, 'INTERNAL', violation), info.requestId, services.log, info.edgeHeaders);
}
