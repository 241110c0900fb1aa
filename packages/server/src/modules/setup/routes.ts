/** The first-run wizard's handlers: storage, auth settings, the first admin, then Ready. */
import type { ModuleHandlers } from '../../http/handler-types';

/** The handlers of the `setup` tag. */
export const setupHandlers: ModuleHandlers<'setup'> = {
  getStatus: async ({ services }) => ({ status: 200, body: await services.setup.status() }),
  configureStorage: async ({ body, services, clientIp, headers }) => ({
    status: 200,
    body: { success: true, ...(await services.setup.configureStorage({ clientIp, headers }, body)) },
  }),
  configureAuth: async ({ body, services, clientIp, headers }) => {
    await services.setup.configureAuth({ clientIp, headers }, body);
    const { jwt_expiry_hours, refresh_expiry_days } = body;
    return { status: 200, body: { success: true, jwt_expiry_hours, refresh_expiry_days } };
  },
  createAdmin: async ({ body, services, clientIp, headers }) => {
    const email = await services.setup.createAdmin(
      { clientIp, headers },
      body.email,
      body.password,
      body.confirm_password,
    );
    return { status: 200, body: { success: true, email, message: 'The admin account is created; sign in with it.' } };
  },
  complete: async ({ services, clientIp, headers }) => {
    await services.setup.complete({ clientIp, headers });
    return { status: 200, body: { success: true, status: 'Ready', message: 'Setup is complete.' } };
  },
};
