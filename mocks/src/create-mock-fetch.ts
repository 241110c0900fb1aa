import { getResponse } from 'msw';
import { createHandlers } from './create-handlers';
import { errorAnswer } from './internal/error-answer';
import { toResponse } from './internal/to-response';
import type { MockOptions } from './types';

/**
 * A `fetch` answered by the mock handlers in-process: no worker, no server, no global patching.
 * A request no operation matches gets 404 ROUTE_NOT_FOUND, as from the reference server.
 * @example createClient({ baseUrl: 'http://localhost:54321', fetch: createMockFetch() })
 */
export function createMockFetch(options: MockOptions = {}): typeof fetch {
  const handlers = createHandlers(options);
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (response) return response;
    const { pathname } = new URL(request.url);
    return toResponse(
      errorAnswer(404, 'ROUTE_NOT_FOUND', `No operation of the spec serves ${request.method} ${pathname}.`),
    );
  };
}
