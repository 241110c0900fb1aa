import { describe, expect, it } from 'vitest';
import { matchesIfNoneMatch, parseRange } from './byte-range';

describe('parseRange', () => {
  it.each([
    { given: undefined, size: 100, want: { kind: 'whole' } },
    { given: 'bytes=0-9', size: 100, want: { kind: 'partial', range: { start: 0, end: 9 } } },
    { given: 'bytes=90-', size: 100, want: { kind: 'partial', range: { start: 90, end: 99 } } },
    { given: 'bytes=-10', size: 100, want: { kind: 'partial', range: { start: 90, end: 99 } } },
    { given: 'bytes=-500', size: 100, want: { kind: 'partial', range: { start: 0, end: 99 } } },
    { given: 'bytes=50-5000', size: 100, want: { kind: 'partial', range: { start: 50, end: 99 } } },
    { given: 'bytes=100-', size: 100, want: { kind: 'unsatisfiable' } },
    { given: 'bytes=600000-', size: 100, want: { kind: 'unsatisfiable' } },
    { given: 'bytes=-0', size: 100, want: { kind: 'unsatisfiable' } },
    { given: 'bytes=0-0', size: 0, want: { kind: 'unsatisfiable' } },
    { given: 'bytes=-5', size: 0, want: { kind: 'unsatisfiable' } },
    { given: 'bytes=9-3', size: 100, want: { kind: 'whole' } },
    { given: 'bytes=0-1,5-9', size: 100, want: { kind: 'whole' } },
    { given: 'bytes=abc', size: 100, want: { kind: 'whole' } },
    { given: 'bytes=-', size: 100, want: { kind: 'whole' } },
    { given: 'items=0-9', size: 100, want: { kind: 'whole' } },
  ])('$given of $size bytes', ({ given, size, want }) => expect(parseRange(given, size)).toEqual(want));
});

describe('matchesIfNoneMatch', () => {
  const etag = '"abc"';
  it.each([
    { given: undefined, want: false },
    { given: '"abc"', want: true },
    { given: 'W/"abc"', want: true },
    { given: '"x", "abc"', want: true },
    { given: '*', want: true },
    { given: '"abd"', want: false },
    { given: 'abc', want: false },
  ])('$given → $want', ({ given, want }) => expect(matchesIfNoneMatch(given, etag)).toBe(want));
});
