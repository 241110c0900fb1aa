/**
 * The typed caller of contract tests: `call(operationId, init)` goes through the SDK's typed
 * `call()`, so a wrong body, path parameter or query does not compile; every response still
 * passes the spec-checking fetch (validation and coverage) and comes back as `{status, body, headers}`.
 */
import type { OperationId } from '@lockstep/contract';
import { type CallInit, createClient, isLockstepError, type TokenStorage } from '@lockstep/sdk';
import type { ApiResponse } from './api-response';
import { checkedFetch } from './checked-fetch';
import type { Target } from './targets';

type Empty = Record<never, never>;

/** Who sends a request: a bearer token, an API key, or neither. */
export interface Credential {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent in the `apikey` header. */
  apiKey?: string;
}

/**
 * Optional all the way down. openapi-typescript marks a field with a `default` as required, so
 * the generated request types demand fields the spec lets a client omit (`role`, a column's
 * `nullable`); bodies and queries are checked for unknown fields and wrong types, not for absence.
 */
export type DeepPartial<T> = T extends Blob
  ? T
  : T extends (infer U)[]
    ? ReadonlyArray<DeepPartial<U>>
    : T extends object
      ? { [P in keyof T]?: DeepPartial<T[P]> }
      : T;

type LooseParams<P> = P extends { query?: infer Q } ? Omit<P, 'query'> & { query?: DeepPartial<Q> } : P;

type Loosen<I> = Omit<I, 'body' | 'params'> &
  (I extends { body: infer B }
    ? { body: DeepPartial<B> }
    : I extends { body?: infer B }
      ? { body?: DeepPartial<B> }
      : Empty) &
  (I extends { params: infer P }
    ? { params: LooseParams<P> }
    : I extends { params?: infer P }
      ? { params?: LooseParams<P> }
      : Empty);

/**
 * What a typed call takes: the SDK's `params` (path parameters exactly), `body` and `headers`,
 * typed from the spec, plus the credential and `rawQuery`, a pre-encoded query string for the
 * wire formats the typed serializer cannot write (nested `filter[0][field]=` keys, as the dashboard sends them).
 */
export type TypedInit<K extends OperationId> = Loosen<CallInit<K>> & Credential & { rawQuery?: string };

/** The arguments after the operation: `init` is optional when the operation needs no params and no body. */
export type TypedArgs<K extends OperationId> =
  Empty extends TypedInit<K> ? [init?: TypedInit<K>] : [init: TypedInit<K>];

/** Calls one operation of the spec by its operationId, typed from the spec. */
export type TypedCall = <K extends OperationId>(operationId: K, ...init: TypedArgs<K>) => Promise<ApiResponse>;

/** A token storage that keeps nothing: each call carries only the credential it names. */
const keepNothing: TokenStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };

/** The typed caller of one target, through the SDK over the spec-checking fetch. */
export function typedCall(target: Target): TypedCall {
  const sdk = createClient({ url: target.baseUrl, fetch: checkedFetch(target), retry: false, storage: keepNothing });
  return (async (operationId: OperationId, init: TypedInit<OperationId> = {} as TypedInit<OperationId>) => {
    const { token, apiKey, rawQuery, headers, ...rest } = init as TypedInit<OperationId> & Record<string, unknown>;
    const sent = {
      ...rest,
      headers: withCredential(headers, { token, apiKey }),
      parseAs: 'stream',
      ...(rawQuery === undefined ? {} : { querySerializer: () => rawQuery }),
    };
    const result = await sdk.call(operationId, sent as never);
    return toApiResponse(result as { data?: unknown; error?: unknown; response: Response });
  }) as TypedCall;
}

function withCredential(headers: unknown, who: Credential): Headers {
  const out = new Headers(headers as HeadersInit | undefined);
  if (who.token) out.set('authorization', `Bearer ${who.token}`);
  if (who.apiKey) out.set('apikey', who.apiKey);
  return out;
}

async function toApiResponse(result: { data?: unknown; error?: unknown; response: Response }): Promise<ApiResponse> {
  const { response } = result;
  if (!response.ok) return { status: response.status, body: errorBody(result.error), headers: response.headers };
  // An event stream never ends by itself: a generic call takes its status and headers and
  // lets it go; a test that reads events uses `t.send`.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await (result.data as ReadableStream | undefined)?.cancel();
    return { status: response.status, body: '', headers: response.headers };
  }
  const text = result.data ? await new Response(result.data as ReadableStream).text() : '';
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: type.includes('json') && text ? JSON.parse(text) : text,
    headers: response.headers,
  };
}

/** The error body as the server sent it (the SDK keeps a non-error answer as `raw`). */
function errorBody(error: unknown): unknown {
  if (!isLockstepError(error)) return error;
  const body = error.body as { code: string; raw?: unknown };
  return body.code === 'UNEXPECTED_RESPONSE' && 'raw' in body ? body.raw : body;
}
