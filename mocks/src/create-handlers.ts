import { openapiDocument, routingOrder } from '@lockstep/contract';
import { delay, type HttpHandler, http } from 'msw';
import { requestFacts } from './internal/answer-request';
import { preparedAnswer } from './internal/prepared-answer';
import { type SpecOperation, specOperations } from './internal/spec-operations';
import { mswParamName, mswParamValue, toMswPath } from './internal/to-msw-path';
import { preparedResponse } from './internal/to-response';
import { mockAnswer } from './mock-answer';
import type { MockOptions, OverrideInfo } from './types';

/** Where the handlers answer unless told otherwise: the reference server's default origin. */
export const DEFAULT_BASE_URL = 'http://localhost:54321';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/**
 * msw handlers for every operation of the spec, in routing order (static segments before templates).
 * @example setupServer(...createHandlers({ overrides: { getCurrentUser: () => HttpResponse.json(me) } }))
 */
export function createHandlers(options: MockOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  return routingOrder(specOperations(openapiDocument)).map((op) =>
    http[op.method as Method](`${baseUrl}${toMswPath(op.path, op.pathTail)}`, async ({ request, params }) => {
      if (options.delay !== undefined) await delay(options.delay);
      const override = options.overrides?.[op.operationId];
      const info: OverrideInfo | undefined = override && {
        operationId: op.operationId,
        request,
        params: specParams(op, params),
        answer: mockAnswer(op.operationId),
      };
      const replaced = override && info ? await override(info) : undefined;
      return replaced ?? preparedResponse(preparedAnswer(openapiDocument, op, requestFacts(request)));
    }),
  );
}

function specParams(op: SpecOperation, params: OverrideInfo['params']): OverrideInfo['params'] {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
  return Object.fromEntries(names.map((name) => [name, mswParamValue(params[mswParamName(name)])]));
}
