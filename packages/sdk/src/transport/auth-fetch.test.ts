import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../client';
import { memoryStorage, type TokenStorage } from '../session/storage';
import { type Answer, apiError, fakeFetch, gate, json, type SeenRequest } from '../testing/fake-fetch';

const user = { id: 'u1', email: 'ada@example.com', role: 'user' };
const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900 });

/** A storage already holding the pair `n`. */
function signedIn(n = 1): TokenStorage {
  const storage = memoryStorage();
  storage.setItem('access_token', `access-${n}`);
  storage.setItem('refresh_token', `refresh-${n}`);
  return storage;
}

/** A fake API: `/auth/refresh` answers `refresh`, everything else `other`. */
function api(
  other: (request: SeenRequest) => Answer,
  refresh: (request: SeenRequest) => Answer = () => json(200, pair(2)),
) {
  const fetch = fakeFetch((request) => (request.path === '/auth/refresh' ? refresh(request) : other(request)));
  const refreshes = () => fetch.requests.filter((r) => r.path === '/auth/refresh');
  return { fetch, refreshes };
}

/** 200 for the token `access-2`, 401 TOKEN_EXPIRED for anything else. */
const acceptsOnlyNewToken = (request: SeenRequest) =>
  request.headers.get('authorization') === 'Bearer access-2' ? json(200, user) : apiError(401, 'TOKEN_EXPIRED');

describe('credentials', () => {
  it('sends no Authorization header when no token is stored', async () => {
    const { fetch } = api(() => json(200, user));
    await createClient({ url: 'http://api.test', fetch, storage: memoryStorage() }).call('getCurrentUser');
    expect(fetch.requests[0].headers.has('authorization')).toBe(false);
  });

  it('attaches the stored access token as a bearer', async () => {
    const { fetch } = api(() => json(200, user));
    await createClient({ url: 'http://api.test', fetch, storage: signedIn() }).call('getCurrentUser');
    expect(fetch.requests[0].headers.get('authorization')).toBe('Bearer access-1');
  });

  it('reads tokens from an async storage', async () => {
    const items = new Map([['access_token', 'access-1']]);
    const storage: TokenStorage = {
      getItem: async (key) => items.get(key) ?? null,
      setItem: async (key, value) => void items.set(key, value),
      removeItem: async (key) => void items.delete(key),
    };
    const { fetch } = api(() => json(200, user));
    await createClient({ url: 'http://api.test', fetch, storage }).call('getCurrentUser');
    expect(fetch.requests[0].headers.get('authorization')).toBe('Bearer access-1');
  });

  it('sends the API key in the apikey header, and no bearer, when one is set', async () => {
    const { fetch } = api(() => json(200, user));
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn(), apiKey: 'lk_secret' });
    await client.call('getCurrentUser');
    expect(fetch.requests[0].headers.get('apikey')).toBe('lk_secret');
    expect(fetch.requests[0].headers.has('authorization')).toBe(false);
  });

  it('keeps an Authorization header the caller set, and does not refresh it', async () => {
    const { fetch, refreshes } = api(() => apiError(401, 'TOKEN_EXPIRED'));
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const { error } = await client.call('getCurrentUser', { headers: { Authorization: 'Bearer mine' } });
    expect(fetch.requests[0].headers.get('authorization')).toBe('Bearer mine');
    expect(error?.code).toBe('TOKEN_EXPIRED');
    expect(refreshes()).toHaveLength(0);
  });
});

describe('refresh on 401', () => {
  it('refreshes once and replays the request with the new token', async () => {
    const { fetch, refreshes } = api(acceptsOnlyNewToken);
    const storage = signedIn();
    const { data, error } = await createClient({ url: 'http://api.test', fetch, storage }).call('getCurrentUser');
    expect(error).toBeUndefined();
    expect(data).toEqual(user);
    expect(refreshes()).toHaveLength(1);
    expect(JSON.parse(refreshes()[0].body)).toEqual({ refresh_token: 'refresh-1' });
    expect(refreshes()[0].headers.has('authorization')).toBe(false);
    expect(fetch.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer access-1',
      null,
      'Bearer access-2',
    ]);
    expect(storage.getItem('access_token')).toBe('access-2');
    expect(storage.getItem('refresh_token')).toBe('refresh-2');
  });

  it('also refreshes on 401 UNAUTHENTICATED', async () => {
    const { fetch, refreshes } = api((r) =>
      r.headers.get('authorization') === 'Bearer access-2' ? json(200, user) : apiError(401, 'UNAUTHENTICATED'),
    );
    const { error } = await createClient({ url: 'http://api.test', fetch, storage: signedIn() }).call('getCurrentUser');
    expect(error).toBeUndefined();
    expect(refreshes()).toHaveLength(1);
  });

  it('shares one refresh between concurrent 401s and replays each request once', async () => {
    const release = gate();
    const { fetch, refreshes } = api(acceptsOnlyNewToken, async () => {
      await release.promise;
      return json(200, pair(2));
    });
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const n = 5;
    const calls = Array.from({ length: n }, (_, i) =>
      client.call('getUser', { params: { path: { userId: `u${i}` } } }),
    );
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(n + 1)); // n 401s, and the refresh held open
    release.open();
    const results = await Promise.all(calls);
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(refreshes()).toHaveLength(1);
    const replays = fetch.requests.filter((r) => r.headers.get('authorization') === 'Bearer access-2');
    expect(replays.map((r) => r.path).sort()).toEqual(Array.from({ length: n }, (_, i) => `/auth/users/u${i}`));
  });

  it('replays with the stored token, without refreshing again, a 401 that arrives after a refresh', async () => {
    const late = gate<Response>();
    const { fetch, refreshes } = api((r) =>
      r.path === '/auth/users/late' && r.headers.get('authorization') === 'Bearer access-1'
        ? late.promise
        : acceptsOnlyNewToken(r),
    );
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const slow = client.call('getUser', { params: { path: { userId: 'late' } } });
    expect((await client.call('getCurrentUser')).error).toBeUndefined();
    late.open(apiError(401, 'TOKEN_EXPIRED'));
    expect((await slow).error).toBeUndefined();
    expect(refreshes()).toHaveLength(1);
  });

  it('replays a POST with its body intact', async () => {
    const { fetch } = api((r) =>
      r.headers.get('authorization') === 'Bearer access-2'
        ? json(201, { secret: 's' })
        : apiError(401, 'TOKEN_EXPIRED'),
    );
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const { error } = await client.call('createApiKey', { body: { name: 'ci', permissions: ['read'] } });
    expect(error).toBeUndefined();
    const posts = fetch.requests.filter((r) => r.path === '/auth/api-keys');
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => JSON.parse(r.body))).toEqual([
      { name: 'ci', permissions: ['read'] },
      { name: 'ci', permissions: ['read'] },
    ]);
  });

  it('does not loop: a replay refused again returns that 401', async () => {
    const { fetch, refreshes } = api(() => apiError(401, 'UNAUTHENTICATED', 'still no'));
    const { error } = await createClient({ url: 'http://api.test', fetch, storage: signedIn() }).call('getCurrentUser');
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: 'still no' });
    expect(refreshes()).toHaveLength(1);
    expect(fetch.requests).toHaveLength(3);
  });

  it('clears the tokens and returns the original 401 when the refresh is refused', async () => {
    const { fetch, refreshes } = api(
      () => apiError(401, 'TOKEN_EXPIRED', 'expired'),
      () => apiError(401, 'REFRESH_TOKEN_REUSED'),
    );
    const storage = signedIn();
    const { error } = await createClient({ url: 'http://api.test', fetch, storage }).call('getCurrentUser');
    expect(error).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED', message: 'expired' });
    expect(refreshes()).toHaveLength(1);
    expect(fetch.requests).toHaveLength(2);
    expect(storage.getItem('access_token')).toBeNull();
    expect(storage.getItem('refresh_token')).toBeNull();
  });

  it('keeps the tokens when the refresh fails on the server side', async () => {
    const { fetch } = api(
      () => apiError(401, 'TOKEN_EXPIRED'),
      () => apiError(500, 'INTERNAL'),
    );
    const storage = signedIn();
    const { error } = await createClient({ url: 'http://api.test', fetch, storage }).call('getCurrentUser');
    expect(error?.code).toBe('TOKEN_EXPIRED');
    expect(storage.getItem('refresh_token')).toBe('refresh-1');
  });

  it('does not refresh without a stored refresh token', async () => {
    const storage = memoryStorage();
    storage.setItem('access_token', 'access-1');
    const { fetch, refreshes } = api(() => apiError(401, 'TOKEN_EXPIRED'));
    const { error } = await createClient({ url: 'http://api.test', fetch, storage }).call('getCurrentUser');
    expect(error?.code).toBe('TOKEN_EXPIRED');
    expect(refreshes()).toHaveLength(0);
  });

  it('does not refresh on other 401 codes (wrong password)', async () => {
    const { fetch, refreshes } = api(() => apiError(401, 'INVALID_CREDENTIALS'));
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const { error } = await client.auth.signIn({ body: { email: 'ada@example.com', password: 'nope' } });
    expect(error?.code).toBe('INVALID_CREDENTIALS');
    expect(refreshes()).toHaveLength(0);
  });

  it('never refreshes a refused refresh call', async () => {
    const { fetch, refreshes } = api(
      () => json(200, user),
      () => apiError(401, 'UNAUTHENTICATED'),
    );
    const client = createClient({ url: 'http://api.test', fetch, storage: signedIn() });
    const { error } = await client.call('refreshToken', { body: { refresh_token: 'refresh-1' } });
    expect(error?.code).toBe('UNAUTHENTICATED');
    expect(refreshes()).toHaveLength(1);
    expect(fetch.requests).toHaveLength(1);
  });
});
