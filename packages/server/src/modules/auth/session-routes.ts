import { isPrivileged } from '../../data/caller';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { totalHeader } from '../../http/paging';
import { toPublicSession } from './sessions-store';

/** Listing and revoking sessions: one's own, or anybody's for an admin. */
export const sessionHandlers: Pick<ModuleHandlers<'auth'>, 'getSessions' | 'revokeSession'> = {
  getSessions: async ({ query, caller, services }) => {
    const admin = isPrivileged(caller);
    if (!admin && query.user_id && query.user_id !== caller.userId)
      throw errors.forbidden("Only an admin may list another user's sessions.");
    const userId = admin ? query.user_id : caller.userId;
    const { rows, total } = await services.sessions.list(userId, query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: rows.map(toPublicSession), headers: totalHeader(total) };
  },
  revokeSession: async ({ params, caller, services }) => {
    const session = await services.sessions.byId(params.sessionId);
    const visible = session && !session.revoked_at && (isPrivileged(caller) || session.user_id === caller.userId);
    if (!visible) throw errors.notFound('Session');
    await services.sessions.revoke(session.id);
    return { status: 204 };
  },
};
