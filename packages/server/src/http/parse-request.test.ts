import { describe, expect, it } from 'vitest';
import type { OperationRoute } from './operation-route';
import { jsonDepth, MAX_JSON_DEPTH, parseQuery, searchParamsOf } from './parse-request';

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
    expect(parseQuery(new URL(`http://x/p${given}`).searchParams, route(arrays))).toEqual(want);
  });

  it('nests deepObject parameters', () => {
    const url = new URL('http://x/p?filter[0][field]=age&filter[0][op]=gt&filter[0][value]=3');
    expect(parseQuery(url.searchParams, route([], ['filter']))).toEqual({
      filter: { 0: { field: 'age', op: 'gt', value: '3' } },
    });
  });
});

describe('parseQuery refuses what could reach a prototype', () => {
  it.each([
    '?filter[__proto__][apiKey][permissions]=none',
    '?filter[constructor][prototype][x]=1',
    '?filter[0][__proto__][x]=1',
    '?filter[prototype]=1',
    '?__proto__=1',
    '?constructor=1',
  ])('%s is a 400 and leaves Object.prototype alone', (given) => {
    const parse = () => parseQuery(new URL(`http://x/p${given}`).searchParams, route([], ['filter']));
    expect(parse).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED' }));
    expect(({} as Record<string, unknown>).apiKey).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    '?filter=x&filter[0][field]=id',
    '?filter[0][field]=id&filter=x',
    '?filter[0]=x&filter[0][field]=id',
    '?filter[0][field]=id&filter[0]=x',
    '?filter[0][field]=a&filter[0][field]=b',
  ])('%s (a name sent as a value and as an object) is a 400, not a 500', (given) => {
    const parse = () => parseQuery(new URL(`http://x/p${given}`).searchParams, route([], ['filter']));
    expect(parse).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('builds containers without a prototype', () => {
    const query = parseQuery(new URL('http://x/p?filter[0][field]=id').searchParams, route([], ['filter']));
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(Object.getPrototypeOf(query.filter[0])).toBeNull();
  });
});

describe('jsonDepth', () => {
  it.each([
    { given: 1, want: 0 },
    { given: {}, want: 1 },
    { given: { a: [{ b: 1 }] }, want: 3 },
  ])('$given nests $want deep', ({ given, want }) => {
    expect(jsonDepth(given)).toBe(want);
  });

  it('walks 10,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(jsonDepth(deep)).toBeGreaterThan(MAX_JSON_DEPTH);
  });
});

describe('searchParamsOf', () => {
  it('reads what URL.searchParams reads, without a URL', () => {
    for (const url of ['http://x/p', 'http://x/p?', 'http://x/p?a=1&a=2&b=%20c+d', 'http://x/p?f[0][v]=a%3Fb&=x&y']) {
      expect([...searchParamsOf(url)]).toEqual([...new URL(url).searchParams]);
    }
  });
});
