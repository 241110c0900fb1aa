/**
 * The rules of signing in and out: sign-up and sign-in open a session, a refresh token
 * rotates and a reused one revokes its session, sign-out ends the caller's session; a
 * user lists and revokes their own sessions, an admin anybody's.
 */
import { isPrivileged, type SignedInCaller } from '../../../data/caller';
import type { ServerEvents } from '../../../data/server-events';
import { errors, HttpError } from '../../../http/http-error';
import { type AuthSettings, readAuthSettings } from '../../../settings/auth-settings';
import type { SettingsStore } from '../../../settings/settings-store';
import { decoyHash, verifyPassword } from '../passwords/hashing';
import type { PasswordsService } from '../passwords/service';
import { randomToken, signAccessToken } from '../tokens';
import type { UsersService } from '../users/service';
import { type PublicUser, toPublicUser, type UsersStore } from '../users/store';
import { type SessionsStore, toPublicSession } from './store';

/** A session's token pair, in the shape of the spec's `AuthTokens`. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
}

/** Where a sign-in comes from, kept on the session. */
export interface ClientInfo {
  device: string | null;
  ip: string | null;
}

/** What signing up takes. */
export interface SignUp {
  email: string;
  password: string;
  name?: string;
  metadata?: Record<string, unknown>;
}

/** The other services a session needs: accounts, and the verification email of a sign-up. */
export interface SessionsDeps {
  users: UsersStore;
  accounts: UsersService;
  passwords: PasswordsService;
  sessions: SessionsStore;
  settings: SettingsStore;
  events: ServerEvents;
  jwtSecret: Uint8Array;
}

function reused(): HttpError {
  return new HttpError(
    401,
    'REFRESH_TOKEN_REUSED',
    'This refresh token was already used; its session has been revoked.',
  );
}

/** Sessions and their tokens. */
export class SessionsService {
  constructor(private readonly deps: SessionsDeps) {}

  /** Creates a user (role `user`), emails a verification link, signs them in and announces `auth.user.created`. */
  async signUp(input: SignUp, client: ClientInfo) {
    const row = await this.deps.accounts.register(input);
    await this.deps.passwords.sendVerification(row.id, row.email);
    const session = await this.open(toPublicUser(row), client);
    await this.deps.events.emit('auth.user.created', session.user);
    return session;
  }

  /** Checks the credentials and opens a session; 401 INVALID_CREDENTIALS either way it fails. */
  async signIn(email: string, password: string, client: ClientInfo) {
    const row = await this.deps.users.byEmail(email);
    const ok = await verifyPassword(row?.password_hash ?? (await decoyHash), password);
    if (!row || !ok) throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
    const updated = await this.deps.users.update(row.id, { last_login: new Date().toISOString() });
    return this.open(toPublicUser(updated!), client);
  }

  /** Rotates a refresh token. A reused one revokes its session (401 REFRESH_TOKEN_REUSED). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const { sessions, users } = this.deps;
    const found = await sessions.lookupRefreshToken(refreshToken);
    if (found.kind === 'reused') {
      await sessions.revoke(found.sessionId);
      throw reused();
    }
    if (found.kind !== 'valid') throw errors.unauthenticated('The refresh token is invalid or its session has ended.');
    if (!(await sessions.rotate(refreshToken))) {
      await sessions.revoke(found.sessionId);
      throw reused();
    }
    const user = await users.byId(found.userId);
    if (!user) throw errors.unauthenticated('The user no longer exists.');
    await sessions.touch(found.sessionId);
    return this.issueTokens(toPublicUser(user), found.sessionId, await this.settingsNow());
  }

  /** Ends the caller's session (and the session of `refreshToken`, if it is theirs). */
  async signOut(caller: SignedInCaller, refreshToken?: string): Promise<void> {
    const { sessions } = this.deps;
    if (caller.sessionId) await sessions.revoke(caller.sessionId);
    if (!refreshToken) return;
    const found = await sessions.lookupRefreshToken(refreshToken);
    if (found.kind === 'valid' && found.userId === caller.userId) await sessions.revoke(found.sessionId);
  }

  /** Live sessions: the caller's own, or for an admin anybody's (or `userId`'s); 403 for another user's otherwise. */
  async list(caller: SignedInCaller, page: { userId?: string; limit: number; offset: number }) {
    const admin = isPrivileged(caller);
    if (!admin && page.userId && page.userId !== caller.userId)
      throw errors.forbidden("Only an admin may list another user's sessions.");
    const userId = admin ? page.userId : caller.userId;
    const { rows, total } = await this.deps.sessions.list(userId, page.limit, page.offset);
    return { sessions: rows.map(toPublicSession), total };
  }

  /** Revokes a live session of the caller (any, for an admin); 404 for one they cannot see. */
  async revoke(caller: SignedInCaller, sessionId: string): Promise<void> {
    const session = await this.deps.sessions.byId(sessionId);
    const visible = session && !session.revoked_at && (isPrivileged(caller) || session.user_id === caller.userId);
    if (!visible) throw errors.notFound('Session');
    await this.deps.sessions.revoke(session.id);
  }

  /** Opens a session for `user` and answers the login body: flat tokens, `user` and `tokens`. */
  private async open(user: PublicUser, client: ClientInfo) {
    const settings = await this.settingsNow();
    const ttl = settings.refresh_expiry_days * 86400;
    const session = await this.deps.sessions.create(user.id, ttl, client.device, client.ip);
    const pair = await this.issueTokens(user, session.id, settings);
    const { token_type, ...tokens } = pair;
    return { ...pair, user, tokens };
  }

  private settingsNow(): Promise<AuthSettings> {
    return readAuthSettings(this.deps.settings);
  }

  private async issueTokens(user: PublicUser, sessionId: string, settings: AuthSettings): Promise<TokenPair> {
    const ttl = settings.jwt_expiry_hours * 3600;
    const claims = { sub: user.id, email: user.email, role: user.role, sid: sessionId };
    const access = await signAccessToken(this.deps.jwtSecret, claims, ttl);
    const refresh = randomToken('rt_');
    await this.deps.sessions.addRefreshToken(sessionId, refresh, settings.refresh_expiry_days * 86400);
    return { access_token: access, refresh_token: refresh, expires_in: ttl, token_type: 'bearer' };
  }
}
