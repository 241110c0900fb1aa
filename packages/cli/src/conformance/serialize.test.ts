import { describe, expect, it } from 'vitest';
import { encodeBody, fillPath, placeParams, queryPairs } from './serialize';
import type { ParamSpec } from './types';

const param = (name: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name,
  in: 'query',
  required: false,
  schema: {},
  schemaAt: [],
  examples: [],
  ...extra,
});

describe('queryPairs', () => {
  const given: [string, ParamSpec, unknown, [string, string][]][] = [
    ['a scalar', param('limit'), 10, [['limit', '10']]],
    [
      'form, exploded array',
      param('ids'),
      ['a', 'b'],
      [
        ['ids', 'a'],
        ['ids', 'b'],
      ],
    ],
    ['form, not exploded', param('ids', { explode: false }), ['a', 'b'], [['ids', 'a,b']]],
    ['pipeDelimited', param('ids', { style: 'pipeDelimited', explode: false }), ['a', 'b'], [['ids', 'a|b']]],
    [
      'form object, exploded',
      param('f'),
      { x: 1, y: true },
      [
        ['x', '1'],
        ['y', 'true'],
      ],
    ],
    [
      'deepObject, nested',
      param('filter', { style: 'deepObject' }),
      [{ field: 'age', op: 'gt', value: 3 }],
      [
        ['filter[0][field]', 'age'],
        ['filter[0][op]', 'gt'],
        ['filter[0][value]', '3'],
      ],
    ],
    ['null', param('q'), null, [['q', '']]],
  ];
  it.each(given)('%s', (_, p, value, want) => {
    expect(queryPairs(p, value)).toEqual(want);
  });
});

describe('placeParams', () => {
  it('fills the path (encoded), the query, headers and cookies', () => {
    const params = [
      param('id', { in: 'path', required: true }),
      param('key', { in: 'path', required: true, allowReserved: true }),
      param('limit'),
      param('X-Trace', { in: 'header' }),
      param('session', { in: 'cookie' }),
    ];
    const placed = placeParams('/a/{id}/b/{key}', params, {
      'path:id': 'x y/z',
      'path:key': 'dir/file.txt',
      'query:limit': 5,
      'header:X-Trace': 'abc',
      'cookie:session': 's 1',
    });
    expect(placed).toEqual({
      path: '/a/x%20y%2Fz/b/dir/file.txt',
      query: [['limit', '5']],
      headers: { 'x-trace': 'abc', cookie: 'session=s%201' },
    });
  });

  it('leaves a path parameter without a value empty', () => {
    expect(fillPath('/a/{id}', [], {})).toBe('/a/');
  });
});

describe('encodeBody', () => {
  it('writes JSON, URL-encoded forms and multipart with files for binary fields', async () => {
    expect(encodeBody({}, { mediaType: 'application/json', value: { a: 1 } })).toEqual({
      body: '{"a":1}',
      contentType: 'application/json',
    });
    expect(encodeBody({}, { mediaType: 'application/x-www-form-urlencoded', value: { a: 'b c' } }).body).toBe('a=b+c');
    const schema = {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, tags: { type: 'array' } },
    };
    const { body } = encodeBody(
      {},
      { mediaType: 'multipart/form-data', value: { file: '', tags: ['x', 'y'] }, schema },
    );
    const form = body as FormData;
    expect(form.get('file')).toBeInstanceOf(Blob);
    expect(form.getAll('tags')).toEqual(['x', 'y']);
  });
});
