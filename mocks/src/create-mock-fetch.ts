import { openapiDocument, routingOrder } from '@lockstep/contract';
import { getResponse } from 'msw';
import { createHandlers, DEFAULT_BASE_URL } from './create-handlers';
import { errorAnswer } from './internal/error-answer';
import { routeIndex } from './internal/route-index';
import { specOperations } from './internal/spec-operations';
import { toResponse } from './internal/to-response';
import type { MockOptions } from './types';

/**
 * A `fetch` answered by the mock handlers in-process: no worker, no server, no global patching.
 * A request no operation matches gets 404 ROUTE_NOT_FOUND, as from the reference server.
 * The operation is found first (by an index of the routes built once), and only its handler is
 * asked: msw alone would try every handler in turn, compiling each one's path on the way.
 * @example createClient({ baseUrl: 'http://localhost:54321', fetch: createMockFetch() })
 */
export function createMockFetch(options: MockOptions = {}): typeof fetch {
  const handlers = createHandlers(options);
  // The same order as createHandlers, so ops[i] is the operation handlers[i] answers.
  const ops = routingOrder(specOperations(openapiDocument));
  const handlerOf = new Map(ops.map((op, i) => [op, handlers[i]]));
  const findOperation = routeIndex(ops);
  const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  const prefix = base.pathname.replace(/\/+$/, '');
  const handlerFor = (request: Request, url: URL) => {
    if (url.origin !== base.origin || !url.pathname.startsWith(prefix)) return undefined;
    const path = url.pathname.slice(prefix.length);
    const op = findOperation(request.method, path);
    return op && handlerOf.get(op);
  };
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const handler = handlerFor(request, url);
    const response = (handler && (await getResponse([handler], request))) ?? (await getResponse(handlers, request));
    if (response) return response;
    return toResponse(
      errorAnswer(404, 'ROUTE_NOT_FOUND', `No operation of the spec serves ${request.method} ${url.pathname}.`),
    );
  };
}
