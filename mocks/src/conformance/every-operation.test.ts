/**
 * Guarantee 5, mocks completeness: every operation of the table has a mock, and every answer
 * it can give (the default one, and each documented status through `x-mock-status`) validates
 * against the spec. Requests go through msw/node's server and the global fetch.
 */
import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../create-handlers';
import { specOperation } from '../internal/spec-operations';
import { createMockServer } from '../node';
import { answerViolations } from '../test-support/answer-violations';
import { requestFor } from '../test-support/request-for';

const ids = Object.keys(operations) as OperationId[];
const server = createMockServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('every operation has a mock', () => {
  it(`${ids.length} handlers, one per operation of the table`, () => {
    expect(createHandlers()).toHaveLength(ids.length);
  });
});

describe.each(ids)('%s', (operationId) => {
  const { method, path } = specOperation(openapiDocument, operationId);

  it(`answers ${method.toUpperCase()} ${path} as the spec says`, async () => {
    const response = await fetch(requestFor(operationId));
    expect(response.status).toBeLessThan(400);
    expect(await answerViolations(operationId, response)).toEqual([]);
  });

  it('answers every documented status it is asked for (x-mock-status) as the spec says', async () => {
    const problems: string[] = [];
    for (const status of Object.keys(specOperation(openapiDocument, operationId).operation.responses)) {
      if (!/^[2-5]\d\d$/.test(status)) continue;
      const response = await fetch(requestFor(operationId, { headers: { 'x-mock-status': status } }));
      if (response.status !== Number(status)) problems.push(`${operationId} ${status}: answered ${response.status}`);
      problems.push(...(await answerViolations(operationId, response)));
    }
    expect(problems).toEqual([]);
  });
});
