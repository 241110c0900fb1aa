/**
 * Who is calling: an access token in `Authorization: Bearer`, or an API key in the
 * `apikey` header (or as a Bearer token starting `lsk_`). A token is trusted only while
 * its session is live (looked up at most once a second per session, and again at once after
 * any change to sessions or users), so sign-out and revocation take effect at once.
 */

import type { Awaitable } from '../../awaitable';
import { anonymous, type Caller, type Role } from '../../data/caller';
import { errors } from '../../http/http-error';
import type { HeaderReader } from '../../http/request-headers';
import type { ApiKeysStore } from '../api-keys/store';
import { type LiveSession, SessionCache } from './session-cache';
import type { SessionsStore } from './sessions/store';
import { type AccessClaims, verifyAccessToken } from './tokens';
import { VerifiedTokens } from './verified-tokens';

function keyRole(ownerRole: Role, permissions: string[]): Role {
  if (ownerRole === 'user') return 'user';
  if (permissions.includes('service')) return 'service';
  return permissions.includes('admin') ? 'admin' : 'user';
}

/** The signed-in caller of a token whose session is `session`; 401 once that session has ended. */
function userOf(claims: AccessClaims, session: LiveSession | undefined): Caller {
  if (!session || session.user_id !== claims.sub) throw errors.unauthenticated('The session has ended.');
  return { kind: 'user', userId: session.user_id, email: session.email, role: session.role, sessionId: session.id };
}

export class Credentials {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly sessions: SessionsStore,
    private readonly apiKeys: ApiKeysStore,
    private readonly jwtSecret: Uint8Array,
    /** Live sessions seen this second (forgotten on every change to sessions or users: `db/instance-changes.ts`). */
    private readonly sessionCache = new SessionCache(),
  ) {}

  /** The caller the headers prove; anonymous without credentials; 401 for a bad one. */
  async resolve(headers: HeaderReader): Promise<Caller> {
    return this.callerOf(headers);
  }

  /**
   * `resolve` for the request pipeline: the caller without a promise when nothing needs
   * looking up (no credential, or a token verified before whose session was seen this
   * second); a bad header throws at once.
   */
  callerOf(headers: HeaderReader): Awaitable<Caller> {
    const apiKey = headers.get('apikey');
    if (apiKey) return this.fromApiKey(apiKey);
    const authorization = headers.get('authorization');
    if (!authorization) return anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw errors.unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    return token.startsWith('lsk_') ? this.fromApiKey(token) : this.fromAccessToken(token);
  }

  private fromAccessToken(token: string): Awaitable<Caller> {
    const claims = this.verified.get(token);
    const session = claims && this.sessionCache.fresh(claims.sid);
    if (claims && session) return userOf(claims, session);
    return this.lookedUp(token, claims);
  }

  /** The caller of a token not verified yet (`known` absent), or whose session was not seen this second. */
  private async lookedUp(token: string, known: AccessClaims | undefined): Promise<Caller> {
    const claims = known ?? (await this.verify(token));
    return userOf(claims, await this.sessionCache.lookup(claims.sid, (id) => this.sessions.active(id)));
  }

  /** Checks a token's signature and claims, and keeps them until it expires. */
  private async verify(token: string): Promise<AccessClaims> {
    const { claims, exp } = await verifyAccessToken(this.jwtSecret, token);
    this.verified.remember(token, claims, exp);
    return claims;
  }

  private async fromApiKey(secret: string): Promise<Caller> {
    const key = await this.apiKeys.authenticate(secret);
    if (!key) throw errors.unauthenticated('The API key is unknown, revoked or expired.');
    return {
      kind: 'user',
      userId: key.user_id,
      email: key.email,
      role: keyRole(key.role, key.permissions),
      apiKey: { id: key.id, permissions: key.permissions },
    };
  }
}
