import { describe, expect, it } from 'vitest';
import { firstExample } from './first-example';

const doc = { components: { examples: { Ada: { summary: 'Ada', value: { name: 'Ada' } } } } };

describe('firstExample', () => {
  it('takes the first named example, resolving $refs', () => {
    const mediaType = { examples: { a: { $ref: '#/components/examples/Ada' }, b: { value: { name: 'Bob' } } } };
    expect(firstExample(doc, mediaType)).toEqual({ value: { name: 'Ada' } });
  });
  it('falls back to `example`', () => {
    expect(firstExample(doc, { example: [1, 2] })).toEqual({ value: [1, 2] });
  });
  it('skips examples that only have an externalValue', () => {
    const mediaType = { examples: { a: { externalValue: 'https://x' }, b: { value: 'b' } } };
    expect(firstExample(doc, mediaType)).toEqual({ value: 'b' });
  });
  it('is undefined when there is none', () => {
    expect(firstExample(doc, { schema: { type: 'string' } })).toBeUndefined();
  });
  it('gives a copy, so callers may change it', () => {
    const mediaType = { examples: { a: { value: { n: 1 } } } };
    (firstExample(doc, mediaType)!.value as { n: number }).n = 2;
    expect(mediaType.examples.a.value.n).toBe(1);
  });
});
