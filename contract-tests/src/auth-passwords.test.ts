import { expect, it } from 'vitest';
import { setupAdmin, signIn, signUpUser, uniqueEmail } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import type { Target } from './harness/targets';

/** The token in the newest email to `email` (in-process targets keep the outbox). */
async function tokenFromOutbox(target: Target, email: string, purpose: string): Promise<string> {
  const mails = await target.app!.services.outbox.recent(email);
  const mail = mails.find((m) => m.purpose === purpose);
  const token = mail && /token=([A-Za-z0-9_-]+)/.exec(mail.body)?.[1];
  if (!token) throw new Error(`no ${purpose} email to ${email}`);
  return token;
}

contractSuite(import.meta.filename, 'auth: passwords and email verification', (t) => {
  it('answers the password policy in both spellings', async () => {
    const res = await t.call('getPasswordPolicy');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      min_length: 8,
      require_numbers: false,
      require_number: false,
      require_special: false,
    });
  });

  it('resets a password with the emailed token, once; sessions end', async () => {
    const user = await signUpUser(t);
    const unknown = await t.call('forgotPassword', { body: { email: uniqueEmail('nobody') } });
    expect(unknown.status).toBe(202);
    expect((await t.call('forgotPassword', { body: { email: user.email } })).status).toBe(202);
    expect((await t.call('forgotPassword', { body: { email: 'nope' } })).status).toBe(400);
    const token = await tokenFromOutbox(t.target, user.email, 'reset_password');
    expect((await t.call('resetPassword', { body: { token, new_password: 'short' } })).body.code).toBe('WEAK_PASSWORD');
    expect((await t.call('resetPassword', { body: { token, new_password: 'Brand-new-pass-2' } })).status).toBe(200);
    expect((await t.call('resetPassword', { body: { token, new_password: 'Brand-new-pass-3' } })).body.code).toBe(
      'INVALID_TOKEN',
    );
    expect((await t.call('getCurrentUser', { token: user.token })).status).toBe(401);
    expect((await t.call('signIn', { body: { email: user.email, password: 'Brand-new-pass-2' } })).status).toBe(200);
    expect((await t.call('resetPassword', { body: { token: 'x'.repeat(20) } })).status).toBe(400);
  });

  it('changes a password after checking the current one', async () => {
    const user = await signUpUser(t);
    const wrong = await t.call('changePassword', {
      body: { current_password: 'Wrong-pass-1', new_password: 'Next-pass-123' },
      token: user.token,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(
      (
        await t.call('changePassword', {
          body: { current_password: user.password, new_password: 'Next-pass-123' },
          token: user.token,
        })
      ).status,
    ).toBe(200);
    expect((await t.call('signIn', { body: { email: user.email, password: 'Next-pass-123' } })).status).toBe(200);
    expect((await t.call('changePassword', { body: { current_password: 'x', new_password: 'y' } })).status).toBe(401);
    expect((await t.call('changePassword', { body: { current_password: 'x' }, token: user.token })).status).toBe(400);
  });

  it('revokes the other sessions on a password change and keeps the caller’s', async () => {
    const user = await signUpUser(t);
    const other = await signIn(t, user.email, user.password);
    const changed = await t.call('changePassword', {
      body: { current_password: user.password, new_password: 'Next-pass-456' },
      token: user.token,
    });
    expect(changed.status).toBe(200);
    expect((await t.call('getCurrentUser', { token: user.token })).status).toBe(200);
    expect((await t.call('getCurrentUser', { token: other.token })).status).toBe(401);
    expect((await t.call('refreshToken', { body: { refresh_token: other.refreshToken } })).status).toBe(401);
  });

  it('verifies an email with the emailed token; resends on request', async () => {
    const admin = await setupAdmin(t);
    const user = await signUpUser(t);
    const other = await signUpUser(t, 'other');
    expect(
      (await t.call('resendVerificationEmail', { params: { path: { userId: user.id } }, token: other.token })).status,
    ).toBe(403);
    expect(
      (await t.call('resendVerificationEmail', { params: { path: { userId: user.id } }, token: user.token })).status,
    ).toBe(202);
    expect((await t.call('resendVerificationEmail', { params: { path: { userId: user.id } } })).status).toBe(401);
    expect(
      (await t.call('resendVerificationEmail', { params: { path: { userId: 'not-a-uuid' } }, token: admin.token }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.call('resendVerificationEmail', {
          params: { path: { userId: '00000000-0000-4000-8000-000000000000' } },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    const token = await tokenFromOutbox(t.target, user.email, 'verify_email');
    expect((await t.call('verifyEmail', { body: { token } })).status).toBe(200);
    expect((await t.call('getCurrentUser', { token: user.token })).body.email_verified).toBe(true);
    expect((await t.call('verifyEmail', { body: { token } })).body.code).toBe('INVALID_TOKEN');
    expect((await t.call('verifyEmail', { body: {} })).status).toBe(400);
    expect(
      (await t.call('resendVerificationEmail', { params: { path: { userId: user.id } }, token: admin.token })).status,
    ).toBe(409);
  });
});
