import { describe, expect, it } from 'vitest';
import { deref, locate, refName } from './deref';

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

describe('locate', () => {
  it('reports the ref target as the location, ~1 decoded', () => {
    expect(locate(doc, { $ref: '#/components/schemas/a~1b' }, ['x'])).toEqual({
      node: { type: 'integer' },
      at: ['components', 'schemas', 'a/b'],
    });
  });
  it('keeps the given location for an inline node', () => {
    expect(locate(doc, { type: 'string' }, ['paths', '/x'])).toEqual({ node: { type: 'string' }, at: ['paths', '/x'] });
  });
});

describe('refName', () => {
  it.each([
    ['#/components/schemas/Pet', 'Pet'],
    ['#/components/schemas/a~1b', 'a/b'],
    [null, null],
  ])('%s → %s', (ref, want) => {
    expect(refName(ref)).toBe(want);
  });
});
