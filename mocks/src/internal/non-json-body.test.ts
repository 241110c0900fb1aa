import { describe, expect, it } from 'vitest';
import { nonJsonBody } from './non-json-body';

describe('nonJsonBody', () => {
  it.each([
    { type: 'text/csv', want: 'id,name\n1,example\n' },
    { type: 'text/event-stream', want: 'event: message\ndata: {}\n\n' },
    { type: 'text/plain; version=0.0.4', want: 'mock\n' },
  ])('$type → a text default', ({ type, want }) => {
    expect(nonJsonBody({}, type, { schema: { type: 'string' } })).toBe(want);
  });
  it('uses a string example', () => {
    expect(nonJsonBody({}, 'text/csv', { examples: { a: { value: 'a,b\n' } } })).toBe('a,b\n');
  });
  it('gives bytes for binary types', () => {
    const body = nonJsonBody({}, 'application/octet-stream', {});
    expect(body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(body as Uint8Array)).toBe('mock bytes\n');
  });
});
