import { mergeHeaders as openApiMergeHeaders } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { type HeaderSource, mergeHeaders } from './merge-headers';

// given: the header sources of a call; want: the headers openapi-fetch's merge gives.
const cases: [string, HeaderSource[]][] = [
  ['the client, the call and params.header, later wins', [{ 'x-a': '1', 'x-b': '1' }, { 'X-B': '2' }, { 'x-c': 3 }]],
  [
    'null removes, undefined is skipped',
    [
      { 'x-a': '1', 'x-b': '1' },
      { 'x-a': null, 'x-b': undefined },
    ],
  ],
  ['an array repeats the header after what came before', [{ accept: 'a/b' }, { accept: ['c/d', 'e/f'] }]],
  ['a Headers object', [new Headers({ 'X-A': '1' }), { 'x-b': true }]],
  ['a name a plain object would inherit', [{ constructor: 'c' }, { constructor: ['d'] }]],
];

describe('mergeHeaders', () => {
  it.each(cases)('%s: as openapi-fetch merges them', (_, sources) => {
    const ours = new Headers(mergeHeaders(...sources));
    expect([...ours]).toEqual([...openApiMergeHeaders(...(sources as never[]))]);
  });

  it('gives no record when no source is given', () => {
    expect(mergeHeaders(undefined, undefined, undefined)).toBeUndefined();
  });
});
