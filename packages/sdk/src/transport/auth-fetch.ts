import { type Awaitable, whenReady } from '../awaitable';
import { isErrorBody } from '../errors';
import { refreshToken } from '../generated/operations.gen';
import type { Session } from '../session/session';
import type { FetchLike } from './fetch-like';
import { reusable } from './reusable';

/** What sends credentials: an API key (sent instead of tokens), or the session to read and refresh tokens from. */
export interface AuthFetchOptions {
  apiKey?: string;
  session: Session;
}

/** A request's credentials: its header, and the access token when it is a bearer (one a refresh can renew). */
export type Credentials = { header: { apikey: string } | { authorization: string }; access?: string };

/** Codes of a 401 that a fresh access token can cure. */
const REFRESHABLE = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED']);

/** The `Authorization` value of an access token. */
export const bearer = (access: string) => `Bearer ${access}`;

/** A call's credentials: the API key, else the stored bearer token (read at once from a synchronous storage), else none. */
export function credentials({ apiKey, session }: AuthFetchOptions): Awaitable<Credentials | undefined> {
  if (apiKey) return { header: { apikey: apiKey } };
  return whenReady(session.tokens.accessToken(), (access) =>
    access ? { header: { authorization: bearer(access) }, access } : undefined,
  );
}

/**
 * After a 401 to a request sent with the token `access`: when a refresh can cure it, the request
 * sent again by `resend` with a refreshed token (one refresh shared by concurrent callers);
 * otherwise, or when no new token can be had, the 401 stands.
 */
export async function afterUnauthorized(
  response: Response,
  access: string,
  session: Session,
  resend: (renewed: string) => Promise<Response>,
): Promise<Response> {
  if (!(await isRefreshable(response))) return response;
  const renewed = await session.renewAfter(access);
  if (!renewed) return response;
  await response.body?.cancel();
  return resend(renewed);
}

/**
 * `fetch`, with credentials, for requests built elsewhere (openapi-fetch's): the `apikey` header
 * when an API key is set, otherwise the stored bearer token; a 401 that a refresh can cure is
 * refreshed (once, shared) and replayed once. Credentials are set on the request's own headers
 * (every request reaching here was built for this call) unless it has its own; the replay is a
 * request got again through `reusable`, not a copy made up front.
 */
export function authFetch(fetch: FetchLike, options: AuthFetchOptions): FetchLike {
  const send = (request: Request, sent: Credentials | undefined): Promise<Response> => {
    const [name, value] = sent ? Object.entries(sent.header)[0] : [];
    // A caller who sets the header themselves keeps it, and handles its expiry.
    if (!name || request.headers.has(name)) return fetch(request);
    request.headers.set(name, value as string);
    const { access } = sent as Credentials;
    if (!access || isRefreshRequest(request)) return fetch(request);
    const spare = reusable(request);
    return fetch(request).then((response) =>
      response.status === 401 ? afterUnauthorized(response, access, options.session, replay) : response,
    );
    function replay(renewed: string) {
      const again = spare();
      again.headers.set('authorization', bearer(renewed));
      return fetch(again);
    }
  };
  return (request) => whenReady(credentials(options), (sent) => send(request, sent));
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
