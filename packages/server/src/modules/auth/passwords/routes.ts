/** The password and email-verification handlers: HTTP in, one `PasswordsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';

type Ops =
  | 'forgotPassword'
  | 'resetPassword'
  | 'changePassword'
  | 'getPasswordPolicy'
  | 'verifyEmail'
  | 'resendVerificationEmail';

/** Password reset and change, the password policy, and email verification. */
export const passwordHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  forgotPassword: async ({ body, services, clientIp }) => {
    await services.limits.forgotPassword.consume(clientIp);
    await services.auth.passwords.forgotPassword(body.email);
    return { status: 202, body: { message: 'If the email belongs to an account, a reset link is on its way.' } };
  },
  resetPassword: async ({ body, services }) => {
    await services.auth.passwords.resetPassword(body.token, body.new_password);
    return { status: 200, body: { message: 'The password is changed; sign in again.' } };
  },
  changePassword: async ({ body, caller, services }) => {
    const { current_password, new_password } = body;
    await services.auth.passwords.changePassword(caller.userId, current_password, new_password, caller.sessionId);
    return { status: 200, body: { message: 'The password is changed.' } };
  },
  getPasswordPolicy: async ({ services }) => {
    const policy = await services.auth.passwords.policy();
    return {
      status: 200,
      body: { ...policy, require_number: policy.require_numbers, require_special: policy.require_symbols },
    };
  },
  verifyEmail: async ({ body, services }) => {
    await services.auth.passwords.verifyEmail(body.token);
    return { status: 200, body: { message: 'The email is verified.' } };
  },
  resendVerificationEmail: async ({ params, caller, services }) => {
    await services.auth.passwords.resendVerification(caller, params.userId);
    return { status: 202, body: { message: 'A verification email is on its way.' } };
  },
};
