import { describe, expect, it } from 'vitest';
import { defaultStatus } from './default-status';

describe('defaultStatus', () => {
  it.each([
    { given: { '400': {}, '201': {}, '200': {} }, want: 200 },
    { given: { '101': {}, '200': {}, '501': {} }, want: 200 },
    { given: { '204': {}, default: {} }, want: 204 },
    { given: { '302': {}, '304': {}, '400': {} }, want: 302 },
    { given: { '101': {}, '501': {} }, want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(defaultStatus(given)).toBe(want);
  });
});
