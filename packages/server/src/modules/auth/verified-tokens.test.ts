import { describe, expect, it } from 'vitest';
import type { AccessClaims } from './tokens';
import { VerifiedTokens } from './verified-tokens';

const claims = (sub: string): AccessClaims => ({ sub, email: `${sub}@x`, role: 'user', sid: `s-${sub}` });

describe('VerifiedTokens', () => {
  it('keeps a token until its expiry, then forgets it', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', claims('a'), 1_005); // expires at 1,005,000 ms
    expect(tokens.get('t')?.sub).toBe('a');
    now = 1_005_000;
    expect(tokens.get('t')).toBeUndefined();
  });

  it('forgets the oldest token past its capacity', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('a', claims('a'), 10);
    tokens.remember('b', claims('b'), 10);
    tokens.remember('c', claims('c'), 10);
    expect(tokens.get('a')).toBeUndefined();
    expect(tokens.get('b')?.sub).toBe('b');
    expect(tokens.get('c')?.sub).toBe('c');
  });
});
