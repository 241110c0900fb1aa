import { describe, expect, it } from 'vitest';
import type { OperationRoute } from './operation-route';
import { parseQuery } from './parse-request';

const route = (arrayParams: string[], deepObjectParams: string[] = []) =>
  ({ arrayParams, deepObjectParams }) as unknown as OperationRoute;

describe('parseQuery', () => {
  it.each([
    { given: '?limit=5', arrays: [], want: { limit: '5' } },
    { given: '?ids=a&ids=b', arrays: ['ids'], want: { ids: ['a', 'b'] } },
    { given: '?ids[]=a&ids[]=b', arrays: ['ids'], want: { ids: ['a', 'b'] } },
    { given: '?metrics[]=cpu&metrics[]=qps', arrays: ['metrics[]'], want: { 'metrics[]': ['cpu', 'qps'] } },
    { given: '?ids=a', arrays: ['ids'], want: { ids: ['a'] } },
  ])('$given', ({ given, arrays, want }) => {
    expect(parseQuery(new URL(`http://x/p${given}`), route(arrays))).toEqual(want);
  });

  it('nests deepObject parameters', () => {
    const url = new URL('http://x/p?filter[0][field]=age&filter[0][op]=gt&filter[0][value]=3');
    expect(parseQuery(url, route([], ['filter']))).toEqual({ filter: { 0: { field: 'age', op: 'gt', value: '3' } } });
  });
});
