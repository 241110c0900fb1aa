import { describe, expect, it } from 'vitest';
import type { OperationRoute } from './operation-route';
import { jsonDepth, MAX_JSON_DEPTH, parseJsonBody, parseQuery, searchParamsOf } from './parse-request';

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

describe('parseQuery reads a key as deep only when it is name[a][b]...', () => {
  it.each([
    { key: 'filter[a]', want: { filter: { a: 'v' } } },
    { key: 'filter[[a]', want: { filter: { '[a': 'v' } } },
    { key: 'filter[a][]', want: { filter: { a: 'v' } } },
    { key: 'filter[a]b[c]', want: { 'filter[a]b[c]': 'v' } },
    { key: 'filter[a]]', want: { 'filter[a]]': 'v' } },
    { key: '[a]', want: { '[a]': 'v' } },
    { key: 'filter[a', want: { 'filter[a': 'v' } },
    { key: 'other[a]', want: { 'other[a]': 'v' } },
  ])('$key', ({ key, want }) => {
    const params = new URLSearchParams([[key, 'v']]);
    expect(parseQuery(params, route([], ['filter']))).toEqual(want);
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

  it('builds containers whose prototype has no prototype and no properties', () => {
    const query = parseQuery(new URL('http://x/p?filter[0][field]=id').searchParams, route([], ['filter']));
    for (const container of [query, query.filter, query.filter[0]]) {
      const prototype = Object.getPrototypeOf(container);
      expect(Object.getPrototypeOf(prototype)).toBeNull();
      expect(Reflect.ownKeys(prototype)).toEqual([]);
      expect(Object.isFrozen(prototype)).toBe(true);
      expect(container.constructor).toBeUndefined();
      expect(container.toString).toBeUndefined();
    }
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
    const urls = [
      'http://x/p',
      'http://x/p?',
      'http://x/p?a=1&a=2&b=%20c+d',
      'http://x/p?f[0][v]=a%3Fb&=x&y',
      // Nothing to decode: cut without URLSearchParams.
      'http://x/p?filter[0][field]=id&filter[0][op]=eq&filter[0][value]=n4242',
      'http://x/p?&&a&b=&=&=c&d==e&f=g=h&&',
      'http://x/p?a=ü&b=✓&c=[x]',
      `http://x/p?${'k&'.repeat(2000)}last=1`,
    ];
    for (const url of urls) {
      expect([...searchParamsOf(url)]).toEqual([...new URL(url).searchParams]);
    }
  });
});

describe('parseJsonBody from a Node body source', () => {
  const jsonRoute = { bodyTypes: ['application/json'] } as unknown as OperationRoute;
  const encoder = new TextEncoder();
  /** A POST as @hono/node-server hands it over: headers only, the bytes in the source. */
  const post = (headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    new Request('http://x/p', { method: 'POST', headers });
  async function* chunks(...parts: string[]) {
    for (const part of parts) yield encoder.encode(part);
  }

  it('reads the body from the source when one is given (the Request, as Node serves it, carries none)', async () => {
    const body = await parseJsonBody(post(), jsonRoute, 1024, chunks('{"title":', '"hé"}'));
    expect(body).toEqual({ title: 'hé' });
  });

  it('refuses with 413 once the bytes read pass the limit, with no content-length to go by', async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read += 1;
        yield encoder.encode('x'.repeat(100));
      }
    }
    await expect(parseJsonBody(post(), jsonRoute, 1000, endless())).rejects.toMatchObject({ status: 413 });
    expect(read).toBe(11);
  });

  it('answers 400 INVALID_JSON and undefined for an empty body, as from the Request', async () => {
    await expect(parseJsonBody(post(), jsonRoute, 1024, chunks('{"a":'))).rejects.toMatchObject({
      code: 'INVALID_JSON',
    });
    expect(await parseJsonBody(post(), jsonRoute, 1024, chunks())).toBeUndefined();
    const get = new Request('http://x/p');
    expect(await parseJsonBody(get, jsonRoute, 1024, chunks('{"a":1}'))).toBeUndefined();
  });
});
