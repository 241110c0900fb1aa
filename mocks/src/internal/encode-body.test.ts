import { describe, expect, it } from 'vitest';
import { encodeBody } from './encode-body';

const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : bytes);

describe('encodeBody', () => {
  it.each([
    { body: { a: 1 }, type: 'application/json', want: '{"a":1}' },
    { body: 'x', type: 'application/json', want: '"x"' },
    { body: 'a,b\n', type: 'text/csv', want: 'a,b\n' },
    { body: null, type: 'application/json', want: null },
    { body: { a: 1 }, type: undefined, want: null },
  ])('$body as $type → $want', ({ body, type, want }) => {
    expect(text(encodeBody(body, type))).toBe(want);
  });
  it('passes bytes through', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(encodeBody(bytes, 'application/octet-stream')).toBe(bytes);
  });
});
