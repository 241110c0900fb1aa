import { isLockstepNetworkError } from '../errors';
import type { FetchLike } from './fetch-like';
import { retryAfterMs } from './retry-after';
import { reusable } from './reusable';
import { sleep } from './sleep';

/** How idempotent requests are retried on network errors and 502/503/504 (and 429/503 with `Retry-After`). */
export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @default 2
   */
  attempts?: number;
  /**
   * The first backoff delay in milliseconds; it doubles on each retry.
   * @default 200
   */
  baseDelayMs?: number;
  /**
   * The longest wait, backoff or `Retry-After`; an answer asking for longer is returned, not waited for.
   * @default 10000
   */
  maxDelayMs?: number;
}

/** Methods that may be sent twice without changing the outcome. POST and PATCH are never retried. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRIED_STATUS = new Set([502, 503, 504]);

/** `fetch`, retrying idempotent requests with exponential backoff. */
export function retryFetch(fetch: FetchLike, options: RetryOptions | false = {}): FetchLike {
  if (options === false) return fetch;
  const { attempts = 2, baseDelayMs = 200, maxDelayMs = 10_000 } = options;
  if (attempts <= 0) return fetch;
  const backoff = (retry: number) => Math.min(baseDelayMs * 2 ** retry, maxDelayMs);

  const retrying = async (request: Request) => {
    let current = request;
    for (let retry = 0; ; retry++) {
      const last = retry >= attempts;
      const again = last ? undefined : reusable(current); // the next attempt, unread
      let delay: number | undefined;
      try {
        const response = await fetch(current);
        delay = last ? undefined : responseDelay(response, backoff(retry), maxDelayMs);
        if (delay === undefined) return response;
        await response.body?.cancel();
      } catch (error) {
        if (last || !isLockstepNetworkError(error)) throw error;
        delay = backoff(retry);
      }
      await sleep(delay, request.signal);
      current = (again as () => Request)();
    }
  };
  // Not async: a call that is not retried goes straight through, without a promise of its own.
  return (request) => (IDEMPOTENT.has(request.method.toUpperCase()) ? retrying(request) : fetch(request));
}

/** How long to wait before retrying after `response`; undefined when it must not be retried. */
function responseDelay(response: Response, backoff: number, maxDelayMs: number): number | undefined {
  const { status } = response;
  const asked = status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
  if (asked !== undefined) return asked <= maxDelayMs ? asked : undefined;
  return RETRIED_STATUS.has(status) ? backoff : undefined;
}
