/**
 * The types that tie a handler to its operation in the spec: its parameters, body and
 * every reply it may give are read from the generated types, so a wrong shape or a
 * missing handler fails the type check.
 */
import type { ModuleName, OperationId, OperationsOf, OperationTypes, operations } from '@lockstep/contract';
import type { Awaitable } from '../awaitable';
import type { Caller, SignedInCaller } from '../data/caller';
import type { Services } from '../services';
import type { HeaderReader } from './request-headers';

type Op<K extends OperationId> = OperationTypes[K];
type ContentOf<R> = R extends { content: { 'application/json': infer B } }
  ? B
  : R extends { content: { [type: string]: unknown } }
    ? BodyInit | ReadableStream<Uint8Array>
    : undefined;
type Responses<K extends OperationId> = Op<K>['responses'];
type ReplyFor<R, S> =
  ContentOf<R> extends undefined
    ? { status: S; body?: undefined; headers?: Record<string, string> }
    : { status: S; body: ContentOf<R>; headers?: Record<string, string> };

/** The JSON body an operation takes (never when it takes none). */
export type RequestBody<K extends OperationId> =
  Op<K> extends { requestBody?: infer R }
    ? NonNullable<R> extends { content: { 'application/json': infer B } }
      ? B
      : NonNullable<R> extends { content: { [type: string]: infer B } }
        ? B
        : never
    : never;
/** The path parameters of an operation. */
export type PathParams<K extends OperationId> = Op<K>['parameters'] extends { path: infer P }
  ? P
  : Record<string, never>;
/** The query parameters of an operation, after validation and coercion. */
export type QueryParams<K extends OperationId> = Op<K>['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : Record<string, never>;

/**
 * A reply of an operation: one of its documented statuses with that status's body.
 * Errors are thrown as `HttpError`; a non-error body on an error status (a health check's
 * 503) is returned like any reply.
 */
export type Reply<K extends OperationId> = {
  [S in keyof Responses<K> & number]: ReplyFor<Responses<K>[S], S>;
}[keyof Responses<K> & number];

/**
 * The caller a handler of `K` can see: `authorize()` has already refused anonymous callers
 * of an operation that needs a signed-in one, so its handler gets a `SignedInCaller` and
 * cannot be written to forget the check.
 */
export type CallerOf<K extends OperationId> = (typeof operations)[K]['access'] extends 'public' | 'optional'
  ? Caller
  : SignedInCaller;

/** What a handler gets: validated input, the caller, and the server's services. */
export interface HandlerContext<K extends OperationId> {
  operationId: K;
  params: PathParams<K>;
  query: QueryParams<K>;
  body: RequestBody<K>;
  /** The query string's parameters, in the order sent (parsed once, for `query` and for handlers that read them as sent). */
  searchParams: Iterable<[string, string]>;
  /** The request's headers (read with `get`; `request.headers` is the full WHATWG object, built when first read). */
  headers: HeaderReader;
  caller: CallerOf<K>;
  request: Request;
  requestId: string;
  clientIp: string;
  services: Services;
}

/**
 * The implementation of one operation. A raw `Response` is for streams the spec types as bytes.
 * Most are `async`; one that can answer without waiting (a read of a cached table on SQLite)
 * answers at once, and the request then costs no promise.
 */
export type Handler<K extends OperationId> = (ctx: HandlerContext<K>) => Awaitable<Reply<K> | Response>;

/** One handler for each operation of the spec. */
export type HandlerMap = { [K in OperationId]: Handler<K> };

/** One handler for each operation of one module. */
export type ModuleHandlers<M extends ModuleName> = { [K in OperationsOf<M>]: Handler<K> };
