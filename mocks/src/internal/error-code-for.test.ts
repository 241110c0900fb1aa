import { describe, expect, it } from 'vitest';
import { errorCodeFor } from './error-code-for';

const doc = {
  components: {
    schemas: {
      Error: { type: 'object', properties: { code: { $ref: '#/components/schemas/ErrorCode' } } },
      ErrorCode: {
        type: 'string',
        description: '| code | status |\n| --- | --- |\n| VALIDATION_FAILED | 400 |\n| NOT_FOUND | 404 |\n',
        enum: ['VALIDATION_FAILED', 'NOT_FOUND'],
      },
    },
  },
};
const error = { $ref: '#/components/schemas/Error' };

describe('errorCodeFor', () => {
  it.each([
    { status: 404, want: 'NOT_FOUND' },
    { status: 400, want: 'VALIDATION_FAILED' },
    { status: 418, want: 'VALIDATION_FAILED' },
  ])('$status → $want', ({ status, want }) => {
    expect(errorCodeFor(doc, error, status)).toBe(want);
  });
  it('is undefined for a schema without `code`', () => {
    expect(errorCodeFor(doc, { type: 'object' }, 404)).toBeUndefined();
  });
});
