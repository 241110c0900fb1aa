import { describe, expect, it } from 'vitest';
import { identityOf } from './realtime-identity';

const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.c2ln`;
const sub = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('identityOf', () => {
  it.each([
    { given: jwt({ sub, email: 'ada@example.com' }), want: { user_id: sub, email: 'ada@example.com' } },
    { given: jwt({ sub, email: 'not an email' }), want: { user_id: sub } },
    { given: jwt({ sub: 'ada' }), want: undefined },
    { given: 'opaque-token', want: undefined },
    { given: 'a.%%%.b', want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(identityOf(given)).toEqual(want);
  });
});
