import { describe, expect, it } from 'vitest';
import { resolveRef } from './resolve-ref';

const doc = {
  components: {
    schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' }, 'a/b': { type: 'integer' } },
  },
};

describe('resolveRef', () => {
  it('follows chains of $refs', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
  });
  it('decodes JSON pointer escapes', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/a~1b' })).toEqual({ type: 'integer' });
  });
  it('returns nodes without $ref as they are', () => {
    const node = { type: 'boolean' };
    expect(resolveRef(doc, node)).toBe(node);
  });
  it('names an unresolved $ref', () => {
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/Nope' })).toThrow('#/components/schemas/Nope');
  });
});
