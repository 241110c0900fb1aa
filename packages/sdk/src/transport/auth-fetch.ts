import { whenReady } from '../awaitable';
import { isErrorBody } from '../errors';
import { refreshToken } from '../generated/operations.gen';
import type { Session } from '../session/session';
import type { FetchLike } from './fetch-like';
import { reusable } from './reusable';

/** What `authFetch` needs: an API key (sent instead of tokens), or the session to read and refresh tokens from. */
export interface AuthFetchOptions {
  apiKey?: string;
  session: Session;
}

/** Codes of a 401 that a fresh access token can cure. */
const REFRESHABLE = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED']);

/**
 * `fetch`, with credentials: the `apikey` header when an API key is set, otherwise the stored
 * bearer token; a 401 that a refresh can cure is refreshed (once, shared) and replayed once.
 * Credentials are set on the request's own headers (every request reaching here was built for
 * this call); the replay is a request got again through `reusable`, not a copy made up front.
 */
export function authFetch(fetch: FetchLike, { apiKey, session }: AuthFetchOptions): FetchLike {
  if (apiKey) {
    return (request) => {
      if (!request.headers.has('apikey')) request.headers.set('apikey', apiKey);
      return fetch(request);
    };
  }
  const withBearer = (request: Request, access: string | undefined): Promise<Response> => {
    if (!access) return fetch(request);
    const spare = isRefreshRequest(request) ? undefined : reusable(request);
    request.headers.set('authorization', `Bearer ${access}`);
    // A `then`, not an async step: most answers are not a 401 and go straight back.
    return fetch(request).then((response) =>
      spare && response.status === 401 ? replayRefreshed(response, access, spare) : response,
    );
  };
  const replayRefreshed = async (response: Response, access: string, spare: () => Request) => {
    if (!(await isRefreshable(response))) return response;
    const renewed = await session.renewAfter(access);
    // No new token (no refresh token, or the refresh was refused): the original 401 stands.
    if (!renewed) return response;
    await response.body?.cancel();
    const replay = spare();
    replay.headers.set('authorization', `Bearer ${renewed}`);
    return fetch(replay);
  };
  return (request) =>
    // A caller who sets Authorization themselves keeps it, and handles its expiry.
    request.headers.has('authorization')
      ? fetch(request)
      : whenReady(session.tokens.accessToken(), (access) => withBearer(request, access));
}

/** The refresh call itself is never refreshed (its path, with or without a query). */
function isRefreshRequest(request: Request): boolean {
  const url = request.url;
  const end = url.indexOf('?');
  return (end === -1 ? url : url.slice(0, end)).endsWith(refreshToken.path);
}

/** A 401 whose code a fresh token cures. */
async function isRefreshable(response: Response): Promise<boolean> {
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  return isErrorBody(body) && REFRESHABLE.has(body.code);
}
