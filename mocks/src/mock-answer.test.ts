import { type OperationId, operations } from '@lockstep/contract';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createHandlers } from './create-handlers';
import { mockAnswer } from './mock-answer';
import { requestFor } from './test-support/request-for';

const ids = Object.keys(operations) as OperationId[];
const handlers = createHandlers();

async function bodyOf(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) return null;
  if (type.includes('json')) return response.json();
  if (type.startsWith('text/')) return response.text();
  return new Uint8Array(await response.arrayBuffer());
}

describe('mockAnswer', () => {
  it.each(ids)('gives what the handler of %s answers', async (operationId) => {
    const response = (await getResponse(handlers, requestFor(operationId)))!;
    const answer = mockAnswer(operationId);
    expect(response.status).toBe(answer.status);
    expect(Object.fromEntries(response.headers)).toEqual(
      Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v])),
    );
    expect(await bodyOf(response)).toEqual(answer.body);
  });

  it('answers a documented status when asked, as x-mock-status does', () => {
    const withNotFound = ids.find((id) => mockAnswer(id, { status: 404 }).status === 404);
    expect(withNotFound).toBeDefined();
    expect(mockAnswer(withNotFound!, { status: 404 }).body).toMatchObject({ status: 404 });
  });

  it('answers 400 for an undocumented status, as x-mock-status does', () => {
    expect(mockAnswer(ids[0], { status: 418 })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('gives a fresh copy each time', () => {
    const withObject = ids.find((id) => typeof mockAnswer(id).body === 'object' && mockAnswer(id).body !== null)!;
    (mockAnswer(withObject).body as Record<string, unknown>).changed = true;
    expect(mockAnswer(withObject).body).not.toHaveProperty('changed');
  });
});
