import { describe, expect, it } from 'vitest';
import { ratioOf } from './service';

describe('ratioOf', () => {
  const cases = [
    { given: { part: 0, whole: 0 }, want: 0 },
    { given: { part: 1, whole: 4 }, want: 0.25 },
    { given: { part: 2, whole: 3 }, want: 0.667 },
    { given: { part: 5, whole: 4 }, want: 1 },
    { given: { part: -1, whole: 4 }, want: 0 },
  ];
  for (const { given, want } of cases)
    it(`${given.part} of ${given.whole} is ${want}`, () => expect(ratioOf(given)).toBe(want));
});
