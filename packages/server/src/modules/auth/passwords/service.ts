/**
 * The rules of passwords and email verification, the flows that mail a one-time token:
 * a reset link goes only to a known email (silently otherwise) and ends every session; a
 * change needs the current password and ends the other sessions; a new password meets the
 * policy; a verification email is resent by the user or an admin, until it is verified.
 */
import { isPrivileged, type SignedInCaller } from '../../../data/caller';
import { errors, HttpError } from '../../../http/http-error';
import type { Outbox } from '../../../mail/outbox';
import type { PasswordPolicy } from '../../../settings/auth-settings';
import type { SettingsStore } from '../../../settings/settings-store';
import type { SessionsStore } from '../sessions/store';
import type { UsersStore } from '../users/store';
import { hashPassword, verifyPassword } from './hashing';
import { checkPassword, passwordPolicy } from './policy';
import type { OneTimeTokens, TokenPurpose } from './store';

const RESET_TTL_SECONDS = 3600;
const VERIFY_TTL_SECONDS = 7 * 86400;

/** Passwords and email verification. */
export class PasswordsService {
  constructor(
    private readonly users: UsersStore,
    private readonly sessions: SessionsStore,
    private readonly oneTime: OneTimeTokens,
    private readonly settings: SettingsStore,
    private readonly outbox: Outbox,
    private readonly publicUrl: string,
  ) {}

  /** The password policy in force. */
  policy(): Promise<PasswordPolicy> {
    return passwordPolicy(this.settings);
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
    await checkPassword(this.settings, newPassword);
    const userId = await this.consume(token, 'reset_password');
    await this.users.update(userId, { password_hash: await hashPassword(newPassword) });
    await this.sessions.revokeAllOf(userId);
  }

  /** Changes the password after checking the current one; every other session of the user is revoked. */
  async changePassword(userId: string, current: string, next: string, keepSession?: string): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'The current password is wrong.');
    }
    await checkPassword(this.settings, next);
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

  /** Emails `userId` a new verification link: asked by that user or an admin; 409 once verified. */
  async resendVerification(caller: SignedInCaller, userId: string): Promise<void> {
    if (caller.userId !== userId && !isPrivileged(caller))
      throw errors.forbidden('Only the user or an admin may resend this email.');
    const row = await this.users.byId(userId);
    if (!row) throw errors.notFound('User');
    if (row.email_verified === 1) throw errors.conflict('The email is already verified.');
    await this.sendVerification(row.id, row.email);
  }

  /** Marks the email of the token's user verified. */
  async verifyEmail(token: string): Promise<void> {
    const userId = await this.consume(token, 'verify_email');
    await this.users.update(userId, { email_verified: true });
  }

  /** The user of a one-time token, used up now; 400 INVALID_TOKEN if unknown, used or expired. */
  private async consume(token: string, purpose: TokenPurpose): Promise<string> {
    const userId = await this.oneTime.consume(token, purpose);
    if (!userId) throw new HttpError(400, 'INVALID_TOKEN', 'The token is unknown, already used or expired.');
    return userId;
  }
}
