import { describe, expect, it } from 'vitest';
import { isJsonType } from './is-json-type';

describe('isJsonType', () => {
  it.each([
    { given: 'application/json', want: true },
    { given: 'application/json; charset=utf-8', want: true },
    { given: 'application/problem+json', want: true },
    { given: 'text/csv', want: false },
    { given: 'application/octet-stream', want: false },
  ])('$given → $want', ({ given, want }) => {
    expect(isJsonType(given)).toBe(want);
  });
});
