import { LockstepNetworkError } from '../errors';
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

/**
 * `fetch`, with transport failures thrown as `LockstepNetworkError` (an abort by the caller stays
 * an abort) and idempotent requests retried with exponential backoff. One step, not two layers:
 * each layer would cost every call a promise of its own.
 */
export function retryFetch(fetch: FetchLike, options: RetryOptions | false = {}): FetchLike {
  const { attempts = 2, baseDelayMs = 200, maxDelayMs = 10_000 } = options || { attempts: 0 };
  const backoff = (retry: number) => Math.min(baseDelayMs * 2 ** retry, maxDelayMs);

  return async (request) => {
    // `Request` upper-cases these six methods whatever case they were given in.
    const retries = IDEMPOTENT.has(request.method) ? attempts : 0;
    let current = request;
    for (let retry = 0; ; retry++) {
      const last = retry >= retries;
      const again = last ? undefined : reusable(current); // the next attempt, unread
      let delay: number | undefined;
      try {
        const response = await fetch(current);
        delay = last ? undefined : responseDelay(response, backoff(retry), maxDelayMs);
        if (delay === undefined) return response;
        await response.body?.cancel();
      } catch (error) {
        if (current.signal?.aborted) throw error;
        if (last) throw new LockstepNetworkError(current, error);
        delay = backoff(retry);
      }
      await sleep(delay, request.signal);
      current = (again as () => Request)();
    }
  };
}

/** How long to wait before retrying after `response`; undefined when it must not be retried. */
function responseDelay(response: Response, backoff: number, maxDelayMs: number): number | undefined {
  const { status } = response;
  const asked = status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
  if (asked !== undefined) return asked <= maxDelayMs ? asked : undefined;
  return RETRIED_STATUS.has(status) ? backoff : undefined;
}
