/**
 * The client of contract tests: `call(operationId, init)`, typed from the spec, for every test;
 * `raw` for negative tests only. `get`/`post`/... are deprecated aliases of `raw`, kept so that
 * suites written before the typed caller still compile.
 */
import type { ApiResponse } from './api-response';
import { type CallOptions, type RawApi, rawApi } from './raw-api';
import type { Target } from './targets';
import { type TypedCall, typedCall } from './typed-call';

export type { ApiResponse, CallOptions, RawApi };

/** What helpers take: the typed caller and the escape hatch. */
export interface Caller {
  /** Calls an operation by operationId; params, body and query are typed from the spec. */
  readonly call: TypedCall;
  /** Untyped requests by path, only for what the spec forbids (invalid input, unknown paths). */
  readonly raw: RawApi;
}

/** A caller, plus the untyped verbs of old suites (deprecated: use `call`, or `raw` for negative tests). */
export type Api = Caller & Omit<RawApi, 'request'>;

/** The client of one target. */
export function api(target: Target): Api {
  const raw = rawApi(target);
  const { request: _request, ...verbs } = raw;
  return { ...verbs, call: typedCall(target), raw };
}
