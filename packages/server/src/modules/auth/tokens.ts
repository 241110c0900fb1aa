/**
 * Access tokens are HS256 JWTs with a pinned algorithm, issuer, audience and expiry.
 * Refresh, reset and verification tokens are random strings stored only as SHA-256 hashes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../data/caller';
import { errors, HttpError } from '../../http/http-error';

const ISSUER = 'lockstep';
const AUDIENCE = 'lockstep';
const ALGORITHM = 'HS256';

/** The claims Lockstep puts in an access token. */
export interface AccessClaims {
  sub: string;
  email: string;
  role: Role;
  sid: string;
}

/** Signs an access token valid for `ttlSeconds`. */
export function signAccessToken(secret: Uint8Array, claims: AccessClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ email: claims.email, role: claims.role, sid: claims.sid })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** A verified token's claims and its expiry (seconds since the epoch). */
export interface VerifiedAccessToken {
  claims: AccessClaims;
  exp: number;
}

/** Verifies an access token; throws 401 TOKEN_EXPIRED or UNAUTHENTICATED. */
export async function verifyAccessToken(secret: Uint8Array, token: string): Promise<VerifiedAccessToken> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('missing claims');
    const claims = { sub: payload.sub, email: String(payload.email), role: payload.role as Role, sid: payload.sid };
    return { claims, exp: payload.exp as number };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired)
      throw new HttpError(401, 'TOKEN_EXPIRED', 'The access token has expired.');
    throw errors.unauthenticated('The access token is invalid.');
  }
}

/** A random URL-safe token with 256 bits of entropy, optionally prefixed. */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** The SHA-256 hex digest under which a random token is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
