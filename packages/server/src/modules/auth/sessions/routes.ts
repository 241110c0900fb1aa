/** The session handlers (sign-up, sign-in, refresh, sign-out, the session list): HTTP in, one `SessionsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import type { HeaderReader } from '../../../http/request-headers';
import type { ClientInfo } from './service';

type Ops = 'signUp' | 'signIn' | 'refreshToken' | 'signOut' | 'getSessions' | 'revokeSession';

/** The device and address a session records: the user agent, and the client's address unless it is local. */
function clientOf(headers: HeaderReader, ip: string): ClientInfo {
  return { device: headers.get('user-agent')?.slice(0, 200) ?? null, ip: ip === 'local' ? null : ip };
}

/**
 * Signing in and out, and the sessions a user (or an admin) sees. The credential endpoints
 * pass the request's address through the rate limits first.
 */
export const sessionHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  signUp: async ({ body, services, headers, clientIp }) => {
    await services.limits.signup.consume(clientIp);
    return { status: 201, body: await services.auth.sessions.signUp(body, clientOf(headers, clientIp)) };
  },
  signIn: async ({ body, services, headers, clientIp }) => {
    await services.limits.loginPerAddress.consume(clientIp);
    await services.limits.login.consume(`${clientIp}|${body.email.toLowerCase()}`);
    const session = await services.auth.sessions.signIn(body.email, body.password, clientOf(headers, clientIp));
    return { status: 200, body: session };
  },
  refreshToken: async ({ body, services }) => ({
    status: 200,
    body: await services.auth.sessions.refresh(body.refresh_token),
  }),
  signOut: async ({ body, caller, services }) => {
    await services.auth.sessions.signOut(caller, body?.refresh_token);
    return { status: 204 };
  },
  getSessions: async ({ query, caller, services }) => {
    const page = { userId: query.user_id, limit: query.limit ?? 50, offset: query.offset ?? 0 };
    const { sessions, total } = await services.auth.sessions.list(caller, page);
    return { status: 200, body: sessions, headers: totalHeader(total) };
  },
  revokeSession: async ({ params, caller, services }) => {
    await services.auth.sessions.revoke(caller, params.sessionId);
    return { status: 204 };
  },
};
