import type { OpenApiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { answerFor } from './answer-for';
import type { SpecOperation } from './spec-operations';

const doc = {
  components: { headers: { TotalCount: { schema: { type: 'integer', minimum: 0 } } } },
} as unknown as OpenApiDocument;
const op = (responses: Record<string, unknown>) =>
  ({
    operationId: 'listThings',
    method: 'get',
    path: '/things',
    access: 'user',
    operation: { responses },
  }) as never as SpecOperation;

describe('answerFor', () => {
  it('answers JSON with its content type and derived headers', () => {
    const responses = {
      '200': {
        headers: { 'X-Total-Count': { $ref: '#/components/headers/TotalCount' } },
        content: { 'application/json': { examples: { two: { value: [{ id: 1 }, { id: 2 }] } } } },
      },
    };
    expect(answerFor(doc, op(responses), 200)).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Total-Count': '2' },
      body: [{ id: 1 }, { id: 2 }],
    });
  });
  it('answers 204 with no body and no content type', () => {
    expect(answerFor(doc, op({ '204': { description: 'Gone.' } }), 204)).toEqual({
      status: 204,
      headers: {},
      body: null,
    });
  });
  it('picks the content type the Accept header names', () => {
    const responses = { '200': { content: { 'application/json': { schema: { type: 'array' } }, 'text/csv': {} } } };
    const answer = answerFor(doc, op(responses), 200, 'text/csv');
    expect(answer.headers['Content-Type']).toBe('text/csv');
    expect(answer.body).toBe('id,name\n1,example\n');
  });
  it('answers a media range with bytes', () => {
    const answer = answerFor(doc, op({ '200': { content: { '*/*': {} } } }), 200);
    expect(answer.headers['Content-Type']).toBe('application/octet-stream');
    expect(answer.body).toBeInstanceOf(Uint8Array);
  });
  it('names an undocumented status', () => {
    expect(() => answerFor(doc, op({ '200': {} }), 404)).toThrow('listThings documents no 404 response');
  });
});
