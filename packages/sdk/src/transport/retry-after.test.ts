import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after';

const now = Date.parse('2026-02-07T09:30:00Z');

describe('retryAfterMs', () => {
  it.each([
    { given: null, want: undefined },
    { given: '', want: undefined },
    { given: '0', want: 0 },
    { given: ' 3 ', want: 3000 },
    { given: 'Sat, 07 Feb 2026 09:30:05 GMT', want: 5000 },
    { given: 'Sat, 07 Feb 2026 09:29:00 GMT', want: 0 },
    { given: 'soon', want: undefined },
    { given: '-1', want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(retryAfterMs(given, now)).toBe(want);
  });
});
