import { describe, expect, it } from 'vitest';
import { pickMediaType } from './pick-media-type';

const content = { 'application/json': {}, 'text/csv': {} };

describe('pickMediaType', () => {
  it.each([
    { accept: undefined, want: 'application/json' },
    { accept: '*/*', want: 'application/json' },
    { accept: 'text/csv', want: 'text/csv' },
    { accept: 'text/html, text/csv;q=0.9', want: 'text/csv' },
  ])('Accept: $accept → $want', ({ accept, want }) => {
    expect(pickMediaType(content, accept)).toBe(want);
  });
  it('keeps the parameters of the documented type', () => {
    expect(pickMediaType({ 'text/plain; version=0.0.4': {} }, 'text/plain')).toBe('text/plain; version=0.0.4');
  });
  it('is undefined without content', () => {
    expect(pickMediaType(undefined)).toBeUndefined();
  });
});
