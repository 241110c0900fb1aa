import { describe, expect, it } from 'vitest';
import { headerValues } from './header-values';

const doc = { components: { headers: { TotalCount: { schema: { type: 'integer', minimum: 0 } } } } };
const bytes = new TextEncoder().encode('[1,2,3]');
const context = { operationId: 'listThings', body: [1, 2, 3], bytes, contentType: 'application/json' };

describe('headerValues', () => {
  it('counts an array body for X-Total-Count', () => {
    const headers = { 'X-Total-Count': { $ref: '#/components/headers/TotalCount' } };
    expect(headerValues(doc, headers, context)).toEqual({ 'X-Total-Count': '3' });
  });
  it.each([
    { body: { rows: [1, 2], total: 40 }, want: '40' },
    { body: { entries: [1, 2] }, want: '2' },
  ])('reads X-Total-Count of $body', ({ body, want }) => {
    const headers = { 'X-Total-Count': { $ref: '#/components/headers/TotalCount' } };
    expect(headerValues(doc, headers, { ...context, body })).toEqual({ 'X-Total-Count': want });
  });
  it('describes the body: length, range, entity tag, file name', () => {
    const headers = { 'Content-Length': {}, 'Content-Range': {}, ETag: {}, 'Content-Disposition': {} };
    expect(headerValues(doc, headers, context)).toEqual({
      'Content-Length': '7',
      'Content-Range': 'bytes 0-6/7',
      ETag: expect.stringMatching(/^"[0-9a-f]{8}"$/),
      'Content-Disposition': 'attachment; filename="listThings.json"',
    });
  });
  it('samples other headers from their example or schema', () => {
    const headers = {
      'Cache-Control': { schema: { type: 'string', enum: ['no-cache'] } },
      'Retry-After': { schema: { type: 'integer', minimum: 1 } },
      'X-Request-Id': { example: 'req-1' },
    };
    expect(headerValues(doc, headers, context)).toEqual({
      'Cache-Control': 'no-cache',
      'Retry-After': '1',
      'X-Request-Id': 'req-1',
    });
  });
  it('leaves Content-Type to the answer', () => {
    expect(headerValues(doc, { 'Content-Type': { schema: { type: 'string' } } }, context)).toEqual({});
  });
});
