/**
 * Who a realtime connection is, from its `?token=`: an access token (its session must be
 * live) or an API key, as on the HTTP paths; no token is the anon role. Also reads what
 * must be checked again while the connection is open: the session or key, and the expiry.
 */

import { anonymous, type Caller } from '../../data/caller';
import { HttpError } from '../../http/http-error';
import type { Credentials } from '../auth/credentials';
import type { Credential } from './connection';
import { FrameError } from './frames';

function expiryOf(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The caller behind `token`; throws `FrameError` (UNAUTHENTICATED or TOKEN_EXPIRED) for a bad one. */
export async function authenticate(
  credentials: Credentials,
  token: string | null,
): Promise<{ caller: Caller; credential: Credential }> {
  if (!token) return { caller: anonymous, credential: {} };
  let caller: Caller;
  try {
    caller = await credentials.resolve(new Headers({ authorization: `Bearer ${token}` }));
  } catch (error) {
    if (error instanceof HttpError && (error.code === 'TOKEN_EXPIRED' || error.code === 'UNAUTHENTICATED'))
      throw new FrameError(error.code, error.message);
    throw error;
  }
  if (caller.kind !== 'user') return { caller, credential: {} };
  return {
    caller,
    credential: caller.apiKey
      ? { apiKeyId: caller.apiKey.id }
      : { sessionId: caller.sessionId, expiresAt: expiryOf(token) },
  };
}
