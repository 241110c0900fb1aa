import { describe, expect, it } from 'vitest';
import { deref, resolvePointer } from './ref-resolver';

const doc = {
  components: {
    schemas: {
      Pet: { type: 'object', properties: { name: { type: 'string' } } },
      Alias: { $ref: '#/components/schemas/Pet' },
      LoopA: { $ref: '#/components/schemas/LoopB' },
      LoopB: { $ref: '#/components/schemas/LoopA' },
      'a/b': { type: 'integer' },
    },
  },
};

describe('resolvePointer', () => {
  it.each([
    ['#/components/schemas/Pet', doc.components.schemas.Pet],
    ['#/components/schemas/a~1b', { type: 'integer' }],
    ['#/components/schemas/Nope', undefined],
    ['other.yaml#/x', undefined],
  ])('%s', (ref, want) => {
    expect(resolvePointer(doc, ref)).toEqual(want);
  });
});

describe('deref', () => {
  it('returns inline nodes unchanged', () => {
    expect(deref(doc, { type: 'string' })).toEqual({ node: { type: 'string' }, ref: null });
  });
  it('follows a chain of refs and reports the last ref', () => {
    const { node, ref } = deref(doc, { $ref: '#/components/schemas/Alias' });
    expect(node).toBe(doc.components.schemas.Pet);
    expect(ref).toBe('#/components/schemas/Pet');
  });
  it('lets keys beside a $ref override the target (3.1)', () => {
    const { node } = deref(doc, { $ref: '#/components/schemas/Pet', description: 'a pet' });
    expect(node).toEqual({ ...doc.components.schemas.Pet, description: 'a pet' });
  });
  it('throws on a cycle of refs, a dangling ref and an external ref', () => {
    expect(() => deref(doc, { $ref: '#/components/schemas/LoopA' })).toThrow(/cycle/);
    expect(() => deref(doc, { $ref: '#/components/schemas/Nope' })).toThrow(/does not resolve/);
    expect(() => deref(doc, { $ref: 'pet.yaml#/Pet' })).toThrow(/external/);
  });
});
