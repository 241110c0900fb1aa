import type { OperationId } from '@lockstep/contract';
import type { CallEffect, CallInit, CallOperation, CallResult } from '../call';
import { LockstepError } from '../errors';
import type { Session } from '../session/session';
import type { SessionTokens } from '../session/tokens';
import { type FacadeTable, type OperationFacade, operationFacade } from './operation-facade';

/** The auth and API-key methods, by operation: every operation of the `auth` and `api-keys` tags. */
export const authOperations = {
  signUp: 'signUp',
  signIn: 'signIn',
  signOut: 'signOut',
  refreshSession: 'refreshToken',
  getUser: 'getCurrentUser',
  listUsers: 'getUsers',
  getUserById: 'getUser',
  createUser: 'createUser',
  updateUser: 'updateUser',
  deleteUser: 'deleteUser',
  resendVerificationEmail: 'resendVerificationEmail',
  listSessions: 'getSessions',
  revokeSession: 'revokeSession',
  listRlsPolicies: 'getRLSPolicies',
  createRlsPolicy: 'createRLSPolicy',
  updateRlsPolicy: 'toggleRLSPolicy',
  deleteRlsPolicy: 'deleteRLSPolicy',
  forgotPassword: 'forgotPassword',
  resetPassword: 'resetPassword',
  changePassword: 'changePassword',
  getPasswordPolicy: 'getPasswordPolicy',
  verifyEmail: 'verifyEmail',
  listApiKeys: 'getApiKeys',
  createApiKey: 'createApiKey',
  revokeApiKey: 'revokeApiKey',
  listApiKeyPermissions: 'getAvailablePermissions',
} as const satisfies FacadeTable;

/** What `refreshSession` takes: nothing (the stored refresh token), or a `body` naming another one. */
export type RefreshSessionInit = Omit<CallInit<'refreshToken'>, 'body'> &
  Partial<Pick<CallInit<'refreshToken'>, 'body'>>;

/** `client.auth`: sign-up and sign-in (tokens stored), sign-out (tokens cleared), users, sessions, passwords, RLS, API keys. */
export type AuthFacade = Omit<OperationFacade<typeof authOperations>, 'refreshSession'> & {
  /**
   * Trade the stored refresh token for a new pair and store it (shared with any refresh in flight).
   * @example
   * const { error } = await client.auth.refreshSession();
   */
  refreshSession(init?: RefreshSessionInit): Promise<CallResult<'refreshToken'>>;
  /** The stored tokens, or undefined when signed out. */
  getTokens(): Promise<SessionTokens | undefined>;
  /** Store tokens obtained elsewhere (a server-rendered page, another tab). */
  setTokens(tokens: SessionTokens): Promise<void>;
  /** Forget the stored tokens without calling the server. */
  clearTokens(): Promise<void>;
};

/** Session side effects of `call()`: sign-up, sign-in and refresh store tokens; sign-out clears them, whatever happens. */
export function sessionEffects(session: Session): Partial<Record<OperationId, CallEffect>> {
  const store: CallEffect = (result) => (result?.data ? session.tokens.set(result.data as SessionTokens) : undefined);
  return { signUp: store, signIn: store, refreshToken: store, signOut: () => session.tokens.clear() };
}

/** Build `client.auth` on top of `call()` and the session. */
export function authFacade(call: CallOperation, session: Session): AuthFacade {
  return {
    ...operationFacade(authOperations, call),
    async refreshSession(init) {
      if (init?.body) return call('refreshToken', init as CallInit<'refreshToken'>);
      return (await session.refresh()) ?? noRefreshToken();
    },
    getTokens: () => session.tokens.get(),
    setTokens: async (tokens) => session.tokens.set(tokens),
    clearTokens: () => session.tokens.clear(),
  };
}

function noRefreshToken(): CallResult<'refreshToken'> {
  const body = { message: 'No refresh token is stored: sign in first.', code: 'UNAUTHENTICATED', status: 401 } as const;
  const response = new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/json' } });
  return { error: new LockstepError(body), response };
}
