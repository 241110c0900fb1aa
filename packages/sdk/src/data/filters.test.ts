import { describe, expect, it } from 'vitest';
import { deepQuery, filterParam, filterText, inList } from './filters';

describe('filter values as text', () => {
  it.each([
    { given: 'plain', want: 'plain' },
    { given: 42, want: '42' },
    { given: false, want: 'false' },
    { given: null, want: 'null' },
    { given: new Date('2026-12-04T10:00:00Z'), want: '2026-12-04T10:00:00.000Z' },
  ])('$given -> $want', ({ given, want }) => {
    expect(filterText(given)).toBe(want);
  });
});

describe('in lists', () => {
  it.each([
    { given: [1, 2, 3], want: '1,2,3' },
    { given: ['a,b', 'c'], want: '"a,b",c' },
    { given: ['say "hi"'], want: '"say ""hi"""' },
    { given: [], want: '' },
  ])('$given -> $want', ({ given, want }) => {
    expect(inList(given)).toBe(want);
  });
});

describe('the filter query', () => {
  it('keys filters by index and nests them as filter[i][field|op|value]', () => {
    const filter = filterParam([
      { field: 'done', op: 'eq', value: 'false' },
      { field: 'title', op: 'like', value: 'a&b%' },
    ]);
    expect(deepQuery({ filter, select: 'id,title', limit: 50, offset: undefined })).toBe(
      'filter[0][field]=done&filter[0][op]=eq&filter[0][value]=false&filter[1][field]=title&filter[1][op]=like&filter[1][value]=a%26b%25&select=id%2Ctitle&limit=50',
    );
  });

  it('is empty without parameters', () => {
    expect(deepQuery()).toBe('');
  });
});
