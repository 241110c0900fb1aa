/**
 * The standalone server's request listener. An operation the route index finds, with no override
 * or delay in the way, is answered straight from the prepared answers the msw handlers answer
 * from (same facts, same bytes); everything else (overrides, delays, paths only msw's looser
 * matching knows, 404s) becomes a fetch `Request` for `createMockFetch`, the handlers themselves.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { openapiDocument } from '@lockstep/contract';
import { createMockFetch } from '../create-mock-fetch';
import type { MockOptions } from '../types';
import { errorAnswer } from './error-answer';
import { nodeRequestFacts, toFetchRequest } from './node-request';
import { sendFetchResponse, sendPrepared } from './node-response';
import { prepareAnswer, preparedAnswer } from './prepared-answer';
import { routeIndex } from './route-index';
import { specOperations } from './spec-operations';

/** A listener answering on `baseUrl` (an origin, no path prefix) as the handlers of `options` do. */
export function mockListener(options: MockOptions & { baseUrl: string }): RequestListener {
  const findOperation = routeIndex(specOperations(openapiDocument));
  const throughHandlers = createMockFetch(options);
  const { baseUrl, delay, overrides } = options;
  return (request, response) => {
    const op = findOperation(request.method ?? 'GET', new URL(request.url ?? '/', baseUrl).pathname);
    if (op && delay === undefined && !overrides?.[op.operationId]) {
      sendPrepared(response, preparedAnswer(openapiDocument, op, nodeRequestFacts(request)));
      return;
    }
    answerThroughHandlers(request, response, throughHandlers, baseUrl);
  };
}

function answerThroughHandlers(
  request: IncomingMessage,
  response: ServerResponse,
  mockFetch: typeof fetch,
  baseUrl: string,
): void {
  toFetchRequest(request, baseUrl)
    .then((fetchRequest) => mockFetch(fetchRequest))
    .then((answer) => sendFetchResponse(response, answer))
    .catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      sendPrepared(response, prepareAnswer(errorAnswer(500, 'INTERNAL', `The mock failed: ${String(error)}`)));
    });
}
