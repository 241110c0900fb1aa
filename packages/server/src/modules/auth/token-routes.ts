import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import type { ClientInfo } from './auth-service';
import { toPublicUser } from './users-store';

type Ops = 'signUp' | 'signIn' | 'refreshToken' | 'signOut' | 'getCurrentUser';

function clientOf(headers: Headers, ip: string): ClientInfo {
  return { device: headers.get('user-agent')?.slice(0, 200) ?? null, ip: ip === 'local' ? null : ip };
}

/** Sign-up, sign-in, refresh, sign-out and the current user. */
export const tokenHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  signUp: async ({ body, services, headers, clientIp }) => {
    await services.limits.signup.consume(clientIp);
    const session = await services.auth.signUp(body, clientOf(headers, clientIp));
    await services.events.emit('auth.user.created', session.user);
    return { status: 201, body: session };
  },
  signIn: async ({ body, services, headers, clientIp }) => {
    await services.limits.loginPerAddress.consume(clientIp);
    await services.limits.login.consume(`${clientIp}|${body.email.toLowerCase()}`);
    const session = await services.auth.signIn(body.email, body.password, clientOf(headers, clientIp));
    return { status: 200, body: session };
  },
  refreshToken: async ({ body, services }) => ({ status: 200, body: await services.auth.refresh(body.refresh_token) }),
  signOut: async ({ body, caller, services }) => {
    await services.auth.signOut(caller.userId, caller.sessionId, body?.refresh_token);
    return { status: 204 };
  },
  getCurrentUser: async ({ caller, services }) => {
    const row = await services.users.byId(caller.userId);
    if (!row) throw errors.unauthenticated();
    return { status: 200, body: toPublicUser(row) };
  },
};
