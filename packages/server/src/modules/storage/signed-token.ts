/**
 * Signed URL tokens: `<url id>.<expiry in Unix seconds>.<signature>`, where the signature is
 * HMAC-SHA256 over the id, bucket, key and expiry. The bucket and key come from the URL's
 * path, so a token made for one file fails for any other; the id ties it to a database row
 * that can be revoked. Signatures are compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token covers. */
export interface SignedTarget {
  id: string;
  bucket: string;
  key: string;
  /** Unix seconds. */
  expires: number;
}

/** Why a token was refused. */
export type TokenProblem = 'malformed' | 'signature' | 'expired';

const TOKEN = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: Uint8Array, target: SignedTarget): Buffer {
  const message = [target.id, target.bucket, target.key, String(target.expires)].join('\n');
  return createHmac('sha256', secret).update(message, 'utf8').digest();
}

/** The token for `target`. */
export function signToken(secret: Uint8Array, target: SignedTarget): string {
  return `${target.id}.${target.expires}.${signature(secret, target).toString('base64url')}`;
}

/** The URL id and expiry of a valid, unexpired token for `bucket`/`key`, or why it is refused. */
export function verifyToken(
  secret: Uint8Array,
  token: string,
  bucket: string,
  key: string,
  nowSeconds: number,
): { id: string; expires: number } | { problem: TokenProblem } {
  const match = TOKEN.exec(token);
  if (!match) return { problem: 'malformed' };
  const target = { id: match[1], bucket, key, expires: Number(match[2]) };
  // Compared as text, so a non-canonical encoding of the right bytes (base64's spare bits) is refused too.
  const given = Buffer.from(match[3], 'utf8');
  const expected = Buffer.from(signature(secret, target).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'signature' };
  if (target.expires <= nowSeconds) return { problem: 'expired' };
  return { id: target.id, expires: target.expires };
}
