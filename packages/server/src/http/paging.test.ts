import { describe, expect, it } from 'vitest';
import { pageOf, totalHeader } from './paging';

describe('pageOf', () => {
  const all = Array.from({ length: 120 }, (_, i) => i);
  it.each([
    { given: {}, want: [0, 49] },
    { given: { limit: 10 }, want: [0, 9] },
    { given: { limit: 10, offset: 115 }, want: [115, 119] },
  ])('$given', ({ given, want }) => {
    const page = pageOf(all, given);
    expect([page[0], page.at(-1)]).toEqual(want);
  });
  it('is empty past the end', () => {
    expect(pageOf(all, { offset: 2 ** 31 - 1 })).toEqual([]);
  });
});

describe('totalHeader', () => {
  it('names the total as text', () => {
    expect(totalHeader(7)).toEqual({ 'X-Total-Count': '7' });
  });
});
