import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../settings/auth-settings';
import { policyViolations } from './policy';

const strict: PasswordPolicy = {
  min_length: 10,
  require_uppercase: true,
  require_lowercase: true,
  require_numbers: true,
  require_symbols: true,
};
const lenient: PasswordPolicy = {
  min_length: 4,
  require_uppercase: false,
  require_lowercase: false,
  require_numbers: false,
  require_symbols: false,
};

describe('policyViolations', () => {
  const cases: { given: string; policy: PasswordPolicy; want: string[] }[] = [
    { given: 'Abcdefgh1!', policy: strict, want: [] },
    { given: 'abcd', policy: lenient, want: [] },
    { given: 'abc', policy: lenient, want: ['at least 4 characters'] },
    {
      given: 'short',
      policy: strict,
      want: ['at least 10 characters', 'an uppercase letter', 'a digit', 'a symbol'],
    },
    { given: 'ABCDEFGH1!', policy: strict, want: ['a lowercase letter'] },
    { given: 'Abcdefghij', policy: strict, want: ['a digit', 'a symbol'] },
  ];
  it.each(cases)('$given', ({ given, policy, want }) => {
    expect(policyViolations(given, policy)).toEqual(want);
  });
});
