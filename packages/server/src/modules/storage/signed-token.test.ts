import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './signed-token';

const secret = randomBytes(32);
const now = 1_800_000_000;
const target = { id: randomUUID(), bucket: 'avatars', key: 'users/42/avatar.png', expires: now + 3600 };
const token = signToken(secret, target);

function flip(text: string, at: number): string {
  const c = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + c + text.slice(at + 1);
}

describe('signed URL tokens', () => {
  it('verifies a token for its own file before it expires', () => {
    expect(verifyToken(secret, token, target.bucket, target.key, now)).toEqual({
      id: target.id,
      expires: target.expires,
    });
  });

  it('refuses a signature whose spare bits differ (a non-canonical encoding of the same bytes)', () => {
    const [id, expires, sig] = token.split('.');
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const value = last.indexOf(sig[42]);
    const twin = sig.slice(0, 42) + last[value ^ 1];
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
    expect(verifyToken(secret, `${id}.${expires}.${twin}`, target.bucket, target.key, now)).toEqual({
      problem: 'signature',
    });
  });

  it('refuses a tampered signature', () => {
    const parts = token.split('.');
    for (const at of [0, 20, 42]) {
      const forged = [parts[0], parts[1], flip(parts[2], at)].join('.');
      expect(verifyToken(secret, forged, target.bucket, target.key, now)).toEqual({ problem: 'signature' });
    }
  });

  it('refuses a token used for another key or bucket', () => {
    expect(verifyToken(secret, token, target.bucket, 'users/43/avatar.png', now)).toEqual({ problem: 'signature' });
    expect(verifyToken(secret, token, 'other', target.key, now)).toEqual({ problem: 'signature' });
  });

  it('refuses a pushed-back expiry or a swapped id', () => {
    const [id, , sig] = token.split('.');
    expect(verifyToken(secret, `${id}.${target.expires + 86400}.${sig}`, target.bucket, target.key, now)).toEqual({
      problem: 'signature',
    });
    expect(verifyToken(secret, `${randomUUID()}.${target.expires}.${sig}`, target.bucket, target.key, now)).toEqual({
      problem: 'signature',
    });
  });

  it('refuses a token signed with another secret', () => {
    const other = signToken(randomBytes(32), target);
    expect(verifyToken(secret, other, target.bucket, target.key, now)).toEqual({ problem: 'signature' });
  });

  it('refuses an expired token, exactly at its expiry', () => {
    expect(verifyToken(secret, token, target.bucket, target.key, target.expires)).toEqual({ problem: 'expired' });
    expect(verifyToken(secret, token, target.bucket, target.key, target.expires - 1)).toMatchObject({ id: target.id });
  });

  it.each(['', 'garbage', `${token}x`, token.replace(/\./g, '-'), `${token.split('.')[0]}..${token.split('.')[2]}`])(
    'refuses the malformed token %j',
    (given) => {
      expect(verifyToken(secret, given, target.bucket, target.key, now)).toEqual({ problem: 'malformed' });
    },
  );
});
