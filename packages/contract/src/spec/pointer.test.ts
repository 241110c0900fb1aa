import { describe, expect, it } from 'vitest';
import { pointerSegments, resolvePointer, toPointer } from './pointer';

const doc = {
  components: { schemas: { Pet: { type: 'object' }, 'a/b': { type: 'integer' }, 'm~n': { type: 'string' } } },
  list: ['zero', 'one'],
  '': { empty: true },
};

describe('resolvePointer (RFC 6901)', () => {
  it.each<[string, unknown]>([
    ['#', doc],
    ['#/components/schemas/Pet', { type: 'object' }],
    ['#/components/schemas/a~1b', { type: 'integer' }],
    ['#/components/schemas/m~0n', { type: 'string' }],
    ['#/components/schemas/a%2Fb', { type: 'integer' }],
    ['#/list/1', 'one'],
    ['#/', { empty: true }],
    ['#/components/schemas/Nope', undefined],
    ['#/components/schemas/constructor', undefined],
    ['#/components/__proto__', undefined],
    ['other.yaml#/x', undefined],
  ])('%s', (ref, want) => {
    expect(resolvePointer(doc, ref)).toEqual(want);
  });
});

describe('pointerSegments / toPointer', () => {
  it.each<[string, string[]]>([
    ['#', []],
    ['#/a/b', ['a', 'b']],
    ['#/a~1b/c~0d', ['a/b', 'c~d']],
    ['#/~01', ['~1']],
  ])('%s ⇄ %j', (ref, segments) => {
    expect(pointerSegments(ref)).toEqual(segments);
    expect(toPointer(segments)).toBe(ref);
  });
  it('keeps a malformed percent escape as written', () => {
    expect(pointerSegments('#/a%zz')).toEqual(['a%zz']);
  });
});
