import { describe, expect, it } from 'vitest';
import { shapeErrorBody } from './shape-error-body';

const doc = {
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          message: { type: 'string' },
          code: {
            type: 'string',
            description: '| NOT_FOUND | 404 |\n| CONFLICT | 409 |',
            enum: ['NOT_FOUND', 'CONFLICT'],
          },
          status: { type: 'integer' },
        },
      },
    },
  },
};
const error = { $ref: '#/components/schemas/Error' };
const sampled = { message: 'string', code: 'NOT_FOUND', status: 400 };

describe('shapeErrorBody', () => {
  it('sets status, code and message of an error body', () => {
    expect(shapeErrorBody(doc, error, sampled, 409, 'Already exists.\nMore.')).toEqual({
      message: 'Already exists.',
      code: 'CONFLICT',
      status: 409,
    });
  });
  it('leaves success bodies alone', () => {
    expect(shapeErrorBody(doc, error, sampled, 200)).toBe(sampled);
  });
  it('leaves other schemas alone', () => {
    const other = { name: 'x' };
    expect(shapeErrorBody(doc, { type: 'object', properties: { name: {} } }, other, 404)).toBe(other);
  });
});
