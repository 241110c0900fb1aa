import { type OperationId, openapiDocument } from '@lockstep/contract';
import { answerRequest, MOCK_STATUS_HEADER } from './internal/answer-request';
import { specOperation } from './internal/spec-operations';
import type { AnswerOptions, MockAnswer } from './types';

export { MOCK_STATUS_HEADER };

/**
 * The answer the mock gives an operation (with a credential), without msw: status, headers, body.
 * @example mockAnswer('getCurrentUser').body // the spec's first example of getCurrentUser's 200
 * @example mockAnswer('getUser', { status: 404 }) // what `x-mock-status: 404` gets
 */
export function mockAnswer(operationId: OperationId, options: AnswerOptions = {}): MockAnswer {
  const op = specOperation(openapiDocument, operationId);
  const scenario = options.status === undefined ? null : String(options.status);
  return answerRequest(openapiDocument, op, { scenario, accept: options.accept, credential: true, upgrade: false });
}
