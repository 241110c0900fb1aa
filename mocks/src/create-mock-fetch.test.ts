import { type OperationId, operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from './create-mock-fetch';
import { mockAnswer } from './mock-answer';
import { requestFor } from './test-support/request-for';

const [operationId] = Object.keys(operations) as OperationId[];

describe('createMockFetch', () => {
  it('answers in-process, as the handlers do', async () => {
    const response = await createMockFetch()(requestFor(operationId));
    expect(response.status).toBe(mockAnswer(operationId).status);
  });
  it('takes a URL and init, as fetch does', async () => {
    const request = requestFor(operationId);
    const response = await createMockFetch()(request.url, { method: request.method, headers: request.headers });
    expect(response.status).toBe(mockAnswer(operationId).status);
  });
  it('answers 404 ROUTE_NOT_FOUND for a path outside the spec', async () => {
    const response = await createMockFetch()('http://localhost:54321/nowhere/at/all');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
  });
  it('does not patch the global fetch', async () => {
    createMockFetch();
    await expect(fetch('http://127.0.0.1:9/health')).rejects.toThrow();
  });
});
