/**
 * Who a realtime mock connection is: the access token's `sub` (a uuid) and `email`, read from
 * the JWT's payload without checking its signature (the mock has no keys). Answers undefined
 * for a token it cannot read, which the mock refuses as the server does (UNAUTHENTICATED, 4001).
 */

/** The user behind a connection, as presence frames show it. */
export interface RealtimeIdentity {
  user_id: string;
  email?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function payloadOf(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
    const value = JSON.parse(json);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The identity in a JWT access token, or undefined when it has no uuid `sub`. */
export function identityOf(token: string): RealtimeIdentity | undefined {
  const claims = payloadOf(token);
  if (typeof claims?.sub !== 'string' || !UUID.test(claims.sub)) return undefined;
  const email = typeof claims.email === 'string' && EMAIL.test(claims.email) ? claims.email : undefined;
  return email ? { user_id: claims.sub, email } : { user_id: claims.sub };
}
