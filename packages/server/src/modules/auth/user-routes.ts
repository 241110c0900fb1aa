import type { ModuleHandlers } from '../../http/handler-types';
import { errors, HttpError } from '../../http/http-error';
import { hashPassword } from './passwords';
import { toPublicUser } from './users-store';

type Ops = 'getUsers' | 'getUser' | 'createUser' | 'updateUser' | 'deleteUser' | 'resendVerificationEmail';

/** Admin management of users, and resending verification email. */
export const userHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  getUsers: async ({ query, services }) => {
    const { rows, total } = await services.users.list({
      search: query.search,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { status: 200, body: rows.map(toPublicUser), headers: { 'X-Total-Count': String(total) } };
  },
  getUser: async ({ params, services }) => {
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    return { status: 200, body: toPublicUser(row) };
  },
  createUser: async ({ body, services }) => {
    await services.auth.checkPassword(body.password);
    if (await services.users.byEmail(body.email)) throw errors.conflict('An account with this email already exists.');
    const row = await services.users.create({ ...body, passwordHash: await hashPassword(body.password) });
    return { status: 201, body: toPublicUser(row) };
  },
  updateUser: async ({ params, body, services }) => {
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    if (body.email && body.email.toLowerCase() !== row.email && (await services.users.byEmail(body.email))) {
      throw errors.conflict('An account with this email already exists.');
    }
    if (row.role === 'admin' && body.role && body.role !== 'admin' && (await services.users.countAdmins()) === 1) {
      throw errors.conflict('The last admin cannot lose the admin role.');
    }
    const updated = await services.users.update(params.userId, body);
    return { status: 200, body: toPublicUser(updated!) };
  },
  deleteUser: async ({ params, services }) => {
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    if (row.role === 'admin' && (await services.users.countAdmins()) === 1)
      throw errors.conflict('The last admin cannot be deleted.');
    await services.users.delete(params.userId);
    return { status: 204 };
  },
  resendVerificationEmail: async ({ params, caller, services }) => {
    if (caller.kind !== 'user') throw errors.unauthenticated();
    if (caller.userId !== params.userId && caller.role !== 'admin' && caller.role !== 'service') {
      throw errors.forbidden('Only the user or an admin may resend this email.');
    }
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    if (row.email_verified === 1) throw new HttpError(409, 'CONFLICT', 'The email is already verified.');
    await services.auth.sendVerification(row.id, row.email);
    return { status: 202, body: { message: 'A verification email is on its way.' } };
  },
};
