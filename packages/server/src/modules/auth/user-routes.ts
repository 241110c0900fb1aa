import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { totalHeader } from '../../http/paging';
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
    return { status: 200, body: rows.map(toPublicUser), headers: totalHeader(total) };
  },
  getUser: async ({ params, services }) => {
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    return { status: 200, body: toPublicUser(row) };
  },
  createUser: async ({ body, services }) => {
    const user = toPublicUser(await services.auth.createUser(body));
    await services.events.emit('auth.user.created', user);
    return { status: 201, body: user };
  },
  updateUser: async ({ params, body, services }) => {
    const user = await services.auth.updateUser(params.userId, body);
    await services.events.emit('auth.user.updated', user);
    return { status: 200, body: user };
  },
  deleteUser: async ({ params, services }) => {
    const before = await services.users.byId(params.userId);
    await services.auth.deleteUser(params.userId);
    if (before) await services.events.emit('auth.user.deleted', toPublicUser(before));
    return { status: 204 };
  },
  resendVerificationEmail: async ({ params, caller, services }) => {
    if (caller.userId !== params.userId && caller.role !== 'admin' && caller.role !== 'service') {
      throw errors.forbidden('Only the user or an admin may resend this email.');
    }
    const row = await services.users.byId(params.userId);
    if (!row) throw errors.notFound('User');
    if (row.email_verified === 1) throw errors.conflict('The email is already verified.');
    await services.auth.sendVerification(row.id, row.email);
    return { status: 202, body: { message: 'A verification email is on its way.' } };
  },
};
