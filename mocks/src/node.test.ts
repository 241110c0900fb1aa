import { type OperationId, operations } from '@lockstep/contract';
import { HttpHandler, WebSocketHandler } from 'msw';
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
  it('has a handler per operation, and the realtime socket’s', () => {
    const handlers = server.listHandlers();
    // msw adds one HttpHandler beside a ws handler: the one that answers a Node `upgrade` request.
    expect(handlers.filter((h) => h instanceof HttpHandler)).toHaveLength(Object.keys(operations).length + 1);
    expect(handlers.filter((h) => h instanceof WebSocketHandler)).toHaveLength(1);
  });
  it('leaves the socket out with realtime: false', () => {
    const plain = createMockServer({ realtime: false });
    expect(plain.listHandlers().some((h) => h instanceof WebSocketHandler)).toBe(false);
  });
});
