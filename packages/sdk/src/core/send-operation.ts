/** One call of an operation: its request built with its credentials, sent through the transport, its result read, then its session effect. */
import type { OperationId } from '@lockstep/contract';
import { isPromiseLike } from '../awaitable';
import { type AuthFetchOptions, afterUnauthorized, bearer, credentials } from '../transport/auth-fetch';
import type { FetchLike } from '../transport/fetch-like';
import { buildRequest, type RequestDefaults } from './build-request';
import { type ReadAs, readResult } from './read-result';
import type { CallEffect, SendOperation, SettledCall } from './settled-call';

/** What a sender needs besides `fetch`: the client-wide request parts, the session effects, the credentials (none for the refresh exchange). */
export interface SenderOptions {
  defaults: RequestDefaults;
  effects?: Partial<Record<OperationId, CallEffect>>;
  auth?: AuthFetchOptions;
}

/**
 * Calls through `fetch` (which retries), with the client's credentials unless the operation is
 * public (the spec's `security: []`: a sign-in carries no stale token, and costs no token read);
 * an operation's effect runs after its call, even one that threw. Few async steps per call, as
 * a hand-written call has: the credentials go into the request as it is built, a 401 that a
 * refresh cures is replayed by building the request again, and an effect that is done at once
 * is not awaited.
 */
export function operationSender(fetch: FetchLike, { defaults, effects = {}, auth }: SenderOptions): SendOperation {
  return async (operation, init) => {
    let result: SettledCall | undefined;
    try {
      const pending = auth && !operation.public ? credentials(auth) : undefined;
      const sent = isPromiseLike(pending) ? await pending : pending;
      const request = buildRequest(defaults, operation, init, sent?.header);
      let response = await fetch(request);
      const access = sent?.access;
      if (response.status === 401 && access && sentWith(request, access)) {
        response = await afterUnauthorized(response, access, (auth as AuthFetchOptions).session, (renewed) =>
          fetch(buildRequest(defaults, operation, init, { authorization: bearer(renewed) })),
        );
      }
      result = await readResult(response, request.method, init?.parseAs as ReadAs | undefined);
      return result;
    } finally {
      const pending = effects[operation.id]?.(result);
      if (pending) await pending;
    }
  };
}

/**
 * Sent with the stored token (a caller's own `Authorization` is theirs to renew). The refresh
 * call itself is public, so it never carries one and is never refreshed.
 */
function sentWith(request: Request, access: string): boolean {
  return request.headers.get('authorization') === bearer(access);
}
