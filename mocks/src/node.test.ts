import { type OperationId, operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockAnswer } from './mock-answer';
import { createMockServer } from './node';
import { requestFor } from './test-support/request-for';

const [operationId] = Object.keys(operations) as OperationId[];
const server = createMockServer({ baseUrl: 'http://mock.test' });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('createMockServer', () => {
  it('answers the global fetch on its base URL', async () => {
    const response = await fetch(requestFor(operationId, { baseUrl: 'http://mock.test' }));
    expect(response.status).toBe(mockAnswer(operationId).status);
  });
  it('has a handler per operation', () => {
    expect(server.listHandlers()).toHaveLength(Object.keys(operations).length);
  });
});
