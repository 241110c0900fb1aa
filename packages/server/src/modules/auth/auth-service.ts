/**
 * Sign-up, sign-in, token refresh with rotation and reuse detection, sign-out, and the
 * password flows. Route handlers stay thin; the rules live here.
 */
import { errors, HttpError } from '../../http/http-error';
import type { Outbox } from '../../mail/outbox';
import { type AuthSettings, readAuthSettings } from '../../settings/auth-settings';
import type { SettingsStore } from '../../settings/settings-store';
import type { OneTimeTokens } from './one-time-tokens';
import { assertPasswordPolicy, decoyHash, hashPassword, verifyPassword } from './passwords';
import type { SessionsStore } from './sessions-store';
import { randomToken, signAccessToken } from './tokens';
import {
  type NewUser,
  type PublicUser,
  toPublicUser,
  type UserChanges,
  type UserRow,
  type UsersStore,
} from './users-store';

/** A new account as callers give it: a password, not its hash. */
export type NewAccount = Omit<NewUser, 'passwordHash'> & { password: string };

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

const RESET_TTL_SECONDS = 3600;
const VERIFY_TTL_SECONDS = 7 * 86400;

export class AuthService {
  constructor(
    private readonly users: UsersStore,
    private readonly sessions: SessionsStore,
    private readonly oneTime: OneTimeTokens,
    private readonly settings: SettingsStore,
    private readonly outbox: Outbox,
    private readonly jwtSecret: Uint8Array,
    private readonly publicUrl: string,
  ) {}

  settingsNow(): Promise<AuthSettings> {
    return readAuthSettings(this.settings);
  }

  /** Throws 400 WEAK_PASSWORD unless `password` satisfies the policy in force. */
  async checkPassword(password: string): Promise<void> {
    assertPasswordPolicy(password, (await this.settingsNow()).password_policy);
  }

  /** Creates a user: the password satisfies the policy, the email is free; 400 or 409 otherwise. */
  async createUser(input: NewAccount): Promise<UserRow> {
    const { password, ...fields } = input;
    await this.checkPassword(password);
    if (await this.users.byEmail(fields.email)) throw errors.conflict('An account with this email already exists.');
    return this.users.create({ ...fields, passwordHash: await hashPassword(password) });
  }

  /** Changes a user; the email stays unique and the last admin keeps the role. */
  async updateUser(id: string, changes: UserChanges): Promise<PublicUser> {
    const row = await this.users.byId(id);
    if (!row) throw errors.notFound('User');
    if (changes.email && changes.email.toLowerCase() !== row.email && (await this.users.byEmail(changes.email)))
      throw errors.conflict('An account with this email already exists.');
    if (row.role === 'admin' && changes.role && changes.role !== 'admin' && (await this.users.countAdmins()) === 1)
      throw errors.conflict('The last admin cannot lose the admin role.');
    return toPublicUser((await this.users.update(id, changes))!);
  }

  /** Deletes a user, but never the last admin. */
  async deleteUser(id: string): Promise<void> {
    const row = await this.users.byId(id);
    if (!row) throw errors.notFound('User');
    if (row.role === 'admin' && (await this.users.countAdmins()) === 1)
      throw errors.conflict('The last admin cannot be deleted.');
    await this.users.delete(id);
  }

  /** Creates a user (role `user`), emails a verification link, and signs them in. */
  async signUp(
    input: { email: string; password: string; name?: string; metadata?: Record<string, unknown> },
    client: ClientInfo,
  ) {
    const row = await this.createUser(input);
    await this.sendVerification(row.id, row.email);
    return this.openSession(toPublicUser(row), client);
  }

  /** Checks the credentials and opens a session; 401 INVALID_CREDENTIALS either way it fails. */
  async signIn(email: string, password: string, client: ClientInfo) {
    const row = await this.users.byEmail(email);
    const ok = await verifyPassword(row?.password_hash ?? (await decoyHash), password);
    if (!row || !ok) throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
    const updated = await this.users.update(row.id, { last_login: new Date().toISOString() });
    return this.openSession(toPublicUser(updated!), client);
  }

  /** Opens a session for `user` and answers the login body: flat tokens, `user` and `tokens`. */
  async openSession(user: PublicUser, client: ClientInfo) {
    const settings = await this.settingsNow();
    const session = await this.sessions.create(user.id, settings.refresh_expiry_days * 86400, client.device, client.ip);
    const pair = await this.issueTokens(user, session.id, settings);
    const { token_type, ...tokens } = pair;
    return { ...pair, user, tokens };
  }

  /** Rotates a refresh token. A reused one revokes its session (401 REFRESH_TOKEN_REUSED). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const found = await this.sessions.lookupRefreshToken(refreshToken);
    if (found.kind === 'reused') {
      await this.sessions.revoke(found.sessionId);
      throw new HttpError(
        401,
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; its session has been revoked.',
      );
    }
    if (found.kind !== 'valid') throw errors.unauthenticated('The refresh token is invalid or its session has ended.');
    if (!(await this.sessions.rotate(refreshToken))) {
      await this.sessions.revoke(found.sessionId);
      throw new HttpError(
        401,
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; its session has been revoked.',
      );
    }
    const user = await this.users.byId(found.userId);
    if (!user) throw errors.unauthenticated('The user no longer exists.');
    await this.sessions.touch(found.sessionId);
    return this.issueTokens(toPublicUser(user), found.sessionId, await this.settingsNow());
  }

  /** Ends the caller's session (and the session of `refreshToken`, if it is theirs). */
  async signOut(userId: string, sessionId: string | undefined, refreshToken?: string): Promise<void> {
    if (sessionId) await this.sessions.revoke(sessionId);
    if (!refreshToken) return;
    const found = await this.sessions.lookupRefreshToken(refreshToken);
    if (found.kind === 'valid' && found.userId === userId) await this.sessions.revoke(found.sessionId);
  }

  /** Emails a reset link when the email belongs to a user; silent otherwise. */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.users.byEmail(email);
    if (!user) return;
    const token = await this.oneTime.issue(user.id, 'reset_password', RESET_TTL_SECONDS);
    await this.outbox.send({
      to: user.email,
      subject: 'Reset your password',
      body: `Reset your password: ${this.publicUrl}/reset-password?token=${token}\nThe link works once, for one hour.`,
      purpose: 'reset_password',
    });
  }

  /** Sets a new password from a reset token and ends every session of the user. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.checkPassword(newPassword);
    const userId = await this.oneTime.consume(token, 'reset_password');
    await this.users.update(userId, { password_hash: await hashPassword(newPassword) });
    await this.sessions.revokeAllOf(userId);
  }

  /** Changes the password after checking the current one; every other session of the user is revoked. */
  async changePassword(userId: string, current: string, next: string, keepSession?: string): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'The current password is wrong.');
    }
    await this.checkPassword(next);
    await this.users.update(userId, { password_hash: await hashPassword(next) });
    await this.sessions.revokeAllOf(userId, keepSession);
  }

  /** Emails a verification link. */
  async sendVerification(userId: string, email: string): Promise<void> {
    const token = await this.oneTime.issue(userId, 'verify_email', VERIFY_TTL_SECONDS);
    await this.outbox.send({
      to: email,
      subject: 'Verify your email',
      body: `Verify your email: ${this.publicUrl}/verify-email?token=${token}`,
      purpose: 'verify_email',
    });
  }

  /** Marks the email of the token's user verified. */
  async verifyEmail(token: string): Promise<void> {
    const userId = await this.oneTime.consume(token, 'verify_email');
    await this.users.update(userId, { email_verified: true });
  }

  private async issueTokens(user: PublicUser, sessionId: string, settings: AuthSettings): Promise<TokenPair> {
    const ttl = settings.jwt_expiry_hours * 3600;
    const access = await signAccessToken(
      this.jwtSecret,
      { sub: user.id, email: user.email, role: user.role, sid: sessionId },
      ttl,
    );
    const refresh = randomToken('rt_');
    await this.sessions.addRefreshToken(sessionId, refresh, settings.refresh_expiry_days * 86400);
    return { access_token: access, refresh_token: refresh, expires_in: ttl, token_type: 'bearer' };
  }
}
