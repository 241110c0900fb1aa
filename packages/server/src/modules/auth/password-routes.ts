import type { ModuleHandlers } from '../../http/handler-types';

type Ops = 'forgotPassword' | 'resetPassword' | 'changePassword' | 'getPasswordPolicy' | 'verifyEmail';

/** Password reset and change, the password policy, and email verification. */
export const passwordHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  forgotPassword: async ({ body, services, clientIp }) => {
    await services.limits.forgotPassword.consume(clientIp);
    await services.auth.forgotPassword(body.email);
    return { status: 202, body: { message: 'If the email belongs to an account, a reset link is on its way.' } };
  },
  resetPassword: async ({ body, services }) => {
    await services.auth.resetPassword(body.token, body.new_password);
    return { status: 200, body: { message: 'The password is changed; sign in again.' } };
  },
  changePassword: async ({ body, caller, services }) => {
    await services.auth.changePassword(caller.userId, body.current_password, body.new_password, caller.sessionId);
    return { status: 200, body: { message: 'The password is changed.' } };
  },
  getPasswordPolicy: async ({ services }) => {
    const policy = (await services.auth.settingsNow()).password_policy;
    return {
      status: 200,
      body: { ...policy, require_number: policy.require_numbers, require_special: policy.require_symbols },
    };
  },
  verifyEmail: async ({ body, services }) => {
    await services.auth.verifyEmail(body.token);
    return { status: 200, body: { message: 'The email is verified.' } };
  },
};
