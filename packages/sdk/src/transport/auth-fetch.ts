import { operations } from '@lockstep/contract';
import { isErrorBody } from '../errors';
import type { Session } from '../session/session';
import type { FetchLike } from './fetch-like';

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
 */
export function authFetch(fetch: FetchLike, { apiKey, session }: AuthFetchOptions): FetchLike {
  return async (request) => {
    if (apiKey) return fetch(request.headers.has('apikey') ? request : withHeader(request, 'apikey', apiKey));
    // A caller who sets Authorization themselves keeps it, and handles its expiry.
    if (request.headers.has('authorization')) return fetch(request);
    const access = await session.tokens.accessToken();
    if (!access) return fetch(request);
    const spare = isRefreshRequest(request) ? undefined : request.clone();
    const response = await fetch(withBearer(request, access));
    if (!spare || !(await isRefreshable(response))) return response;
    const renewed = await session.renewAfter(access);
    // No new token (no refresh token, or the refresh was refused): the original 401 stands.
    if (!renewed) return response;
    await response.body?.cancel();
    return fetch(withBearer(spare, renewed));
  };
}

function withBearer(request: Request, token: string): Request {
  return withHeader(request, 'authorization', `Bearer ${token}`);
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

function isRefreshRequest(request: Request): boolean {
  return new URL(request.url).pathname.endsWith(operations.refreshToken.path);
}

async function isRefreshable(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  return isErrorBody(body) && REFRESHABLE.has(body.code);
}
