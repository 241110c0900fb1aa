import { LockstepNetworkError } from '../errors';
import type { FetchLike } from './fetch-like';

/** `fetch`, with transport failures thrown as `LockstepNetworkError` (an abort by the caller stays an abort). */
export function networkFetch(fetch: FetchLike): FetchLike {
  return async (request) => {
    try {
      return await fetch(request);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new LockstepNetworkError(request, error);
    }
  };
}
