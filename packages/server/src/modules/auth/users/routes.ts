/** The user handlers: HTTP in, one `UsersService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';

type Ops = 'getUsers' | 'getUser' | 'createUser' | 'updateUser' | 'deleteUser' | 'getCurrentUser';

/** Admin management of users, and the signed-in user's own account. */
export const userHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  getUsers: async ({ query, services }) => {
    const page = { search: query.search, limit: query.limit ?? 50, offset: query.offset ?? 0 };
    const { users, total } = await services.auth.users.list(page);
    return { status: 200, body: users, headers: totalHeader(total) };
  },
  getUser: async ({ params, services }) => ({ status: 200, body: await services.auth.users.get(params.userId) }),
  createUser: async ({ body, services }) => ({ status: 201, body: await services.auth.users.create(body) }),
  updateUser: async ({ params, body, services }) => ({
    status: 200,
    body: await services.auth.users.update(params.userId, body),
  }),
  deleteUser: async ({ params, services }) => {
    await services.auth.users.delete(params.userId);
    return { status: 204 };
  },
  getCurrentUser: async ({ caller, services }) => ({
    status: 200,
    body: await services.auth.users.current(caller.userId),
  }),
};
