import { describe, expect, it } from 'vitest';
import { isPolicySyntaxError, PolicySyntaxError } from './errors';
import { parsePolicy } from './parser';

describe('PolicySyntaxError', () => {
  it('is what parsePolicy throws, with its position', () => {
    let error: unknown;
    try {
      parsePolicy('owner_id = ');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicySyntaxError);
    expect(error).toBeInstanceOf(Error);
    expect(isPolicySyntaxError(error)).toBe(true);
    expect((error as PolicySyntaxError).position).toBe(11);
  });

  const others: { name: string; given: unknown }[] = [
    { name: 'a plain Error', given: new Error('expected a value at position 0') },
    { name: 'a look-alike object', given: { name: 'PolicySyntaxError', position: 0, message: 'x' } },
    { name: 'null', given: null },
    { name: 'a string', given: 'PolicySyntaxError' },
  ];
  it.each(others)('isPolicySyntaxError is false for $name', ({ given }) => {
    expect(isPolicySyntaxError(given)).toBe(false);
  });
});
