import { describe, expect, it } from 'vitest';
import { isLockstepError, isLockstepNetworkError } from '../errors';
import {
  createApiKey,
  getCurrentUser,
  getFile,
  getHealth,
  getUser,
  refreshToken,
  signIn,
  signOut,
} from '../generated/operations.gen';
import { memoryStorage } from '../session/storage';
import { apiError, fakeFetch, json, networkFailure, type SeenRequest, scriptedFetch } from '../testing/fake-fetch';
import { createCoreClient } from './core-client';

const URL_BASE = 'http://api.test';
const user = { id: 'u1', email: 'ada@example.com', role: 'user' };
const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900 });

function signedIn() {
  const storage = memoryStorage();
  storage.setItem('access_token', 'access-1');
  storage.setItem('refresh_token', 'refresh-1');
  return storage;
}

const acceptsOnlyNewToken = (request: SeenRequest) =>
  request.path === refreshToken.path
    ? json(200, pair(2))
    : request.headers.get('authorization') === 'Bearer access-2'
      ? json(200, user)
      : apiError(401, 'TOKEN_EXPIRED');

describe('createCoreClient', () => {
  it('calls an operation by its descriptor, with the stored bearer token', async () => {
    const fetch = fakeFetch(() => json(200, user));
    const client = createCoreClient({ url: `${URL_BASE}/`, fetch, storage: signedIn() });
    const { data, error } = await client.call(getUser, { params: { path: { userId: 'u 1' } } });
    expect(error).toBeUndefined();
    expect(data?.email).toBe('ada@example.com');
    expect(fetch.requests[0]).toMatchObject({ method: 'GET', path: '/auth/users/u%201' });
    expect(fetch.requests[0].headers.get('authorization')).toBe('Bearer access-1');
  });

  it('sends no credentials to a public operation (the spec says `security: []`)', async () => {
    const fetch = fakeFetch(() => json(200, pair(2)));
    const client = createCoreClient({ url: URL_BASE, fetch, storage: signedIn(), apiKey: undefined });
    await client.call(signIn, { body: { email: 'ada@example.com', password: 'pw' } });
    await createCoreClient({ url: URL_BASE, fetch, storage: signedIn(), apiKey: 'lk_1' }).call(getHealth);
    expect(fetch.requests[0].headers.has('authorization')).toBe(false);
    expect(fetch.requests[1].headers.has('apikey')).toBe(false);
    expect(await client.getTokens()).toEqual({ access_token: 'access-2', refresh_token: 'refresh-2' });
  });

  it('sends the API key instead of a bearer token', async () => {
    const fetch = fakeFetch(() => json(200, user));
    await createCoreClient({ url: URL_BASE, fetch, storage: signedIn(), apiKey: 'lk_1' }).call(getCurrentUser);
    expect(fetch.requests[0].headers.get('apikey')).toBe('lk_1');
    expect(fetch.requests[0].headers.has('authorization')).toBe(false);
  });

  it('stores the tokens of a sign-in and clears them on sign-out, even when it fails', async () => {
    const storage = memoryStorage();
    const fetch = scriptedFetch(json(200, pair(1)), networkFailure());
    const client = createCoreClient({ url: URL_BASE, fetch, storage, retry: false });
    await client.call(signIn, { body: { email: 'ada@example.com', password: 'pw' } });
    expect(await client.getTokens()).toEqual({ access_token: 'access-1', refresh_token: 'refresh-1' });
    await expect(client.call(signOut)).rejects.toSatisfy(isLockstepNetworkError);
    expect(await client.getTokens()).toBeUndefined();
  });

  it('refreshes once on a refreshable 401 and replays the request with the new token', async () => {
    const fetch = fakeFetch(acceptsOnlyNewToken);
    const storage = signedIn();
    const client = createCoreClient({ url: URL_BASE, fetch, storage });
    const { data } = await client.call(getCurrentUser);
    expect(data).toEqual(user);
    expect(fetch.requests.map((r) => [r.path, r.headers.get('authorization')])).toEqual([
      ['/auth/user', 'Bearer access-1'],
      ['/auth/refresh', null],
      ['/auth/user', 'Bearer access-2'],
    ]);
    expect(storage.getItem('refresh_token')).toBe('refresh-2');
  });

  it('replays a POST after a refresh with its body intact', async () => {
    const fetch = fakeFetch((r) =>
      r.path === refreshToken.path
        ? json(200, pair(2))
        : r.headers.get('authorization') === 'Bearer access-2'
          ? json(201, { id: 'k1', secret: 's' })
          : apiError(401, 'TOKEN_EXPIRED'),
    );
    const client = createCoreClient({ url: URL_BASE, fetch, storage: signedIn() });
    const { error } = await client.call(createApiKey, { body: { name: 'ci', permissions: ['read'] } });
    expect(error).toBeUndefined();
    const posts = fetch.requests.filter((r) => r.path === createApiKey.path);
    expect(
      posts.map((r) => [r.headers.get('authorization'), r.headers.get('content-type'), JSON.parse(r.body)]),
    ).toEqual([
      ['Bearer access-1', 'application/json', { name: 'ci', permissions: ['read'] }],
      ['Bearer access-2', 'application/json', { name: 'ci', permissions: ['read'] }],
    ]);
  });

  it('retries an idempotent request on 503 and returns typed errors', async () => {
    const fetch = scriptedFetch(apiError(503, 'UNAVAILABLE'), apiError(404, 'NOT_FOUND', 'no such file'));
    const client = createCoreClient({ url: URL_BASE, fetch, retry: { baseDelayMs: 1 } });
    const { error } = await client.call(getFile, { params: { path: { bucketName: 'b', filePath: 'a/b c.txt' } } });
    expect(fetch.requests.map((r) => r.path)).toEqual([
      '/storage/buckets/b/files/a/b%20c.txt',
      '/storage/buckets/b/files/a/b%20c.txt',
    ]);
    expect(isLockstepError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'no such file' });
  });

  it('sends client headers and reads a body as asked', async () => {
    const fetch = fakeFetch(() => new Response('plain'));
    const client = createCoreClient({ url: URL_BASE, fetch, headers: { 'x-app': 'demo' } });
    const { data } = await client.call(getCurrentUser, { parseAs: 'text' });
    expect(data).toBe('plain');
    expect(fetch.requests[0].headers.get('x-app')).toBe('demo');
  });
});
