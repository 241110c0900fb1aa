import { describe, expect, it } from 'vitest';
import { createClient } from '../client';
import { memoryStorage } from '../session/storage';
import { apiError, fakeFetch, json, networkFailure } from '../testing/fake-fetch';

const user = { id: 'u1', email: 'ada@example.com', role: 'user' };
const login = {
  access_token: 'access-1',
  refresh_token: 'refresh-1',
  expires_in: 900,
  token_type: 'bearer',
  user,
  tokens: { access_token: 'access-1', refresh_token: 'refresh-1', expires_in: 900 },
};
const credentials = { email: 'ada@example.com', password: 'correct-horse' };

function setup(answer: Parameters<typeof fakeFetch>[0]) {
  const storage = memoryStorage();
  const fetch = fakeFetch(answer);
  return { storage, fetch, client: createClient({ url: 'http://api.test', fetch, storage, retry: false }) };
}

describe('client.auth', () => {
  it('signIn posts the credentials, stores the tokens, and later requests carry them', async () => {
    const { storage, fetch, client } = setup((r) => (r.path === '/auth/login' ? json(200, login) : json(200, user)));
    const { data, error } = await client.auth.signIn({ body: credentials });
    expect(error).toBeUndefined();
    expect(data?.user.email).toBe('ada@example.com');
    expect(JSON.parse(fetch.requests[0].body)).toEqual(credentials);
    expect(storage.getItem('access_token')).toBe('access-1');
    expect(storage.getItem('refresh_token')).toBe('refresh-1');
    await client.auth.getUser();
    expect(fetch.requests[1].path).toBe('/auth/user');
    expect(fetch.requests[1].headers.get('authorization')).toBe('Bearer access-1');
    // Signing in again while signed in: a public operation (`security: []`) gets no stored token.
    await client.auth.signIn({ body: credentials });
    expect(fetch.requests[2].headers.has('authorization')).toBe(false);
  });

  it('signUp stores the tokens too', async () => {
    const { storage, client } = setup(() => json(201, login));
    await client.auth.signUp({ body: credentials });
    expect(storage.getItem('access_token')).toBe('access-1');
  });

  it('a failed signIn stores nothing', async () => {
    const { storage, client } = setup(() => apiError(401, 'INVALID_CREDENTIALS'));
    const { error } = await client.auth.signIn({ body: credentials });
    expect(error?.code).toBe('INVALID_CREDENTIALS');
    expect(storage.getItem('access_token')).toBeNull();
  });

  it('the same operation reached through call() or modules stores the tokens as well', async () => {
    const { storage, client } = setup(() => json(200, login));
    await client.modules.auth.signIn({ body: credentials });
    expect(storage.getItem('access_token')).toBe('access-1');
  });

  it('signOut calls the server with the token, then clears the tokens', async () => {
    const { storage, fetch, client } = setup(() => new Response(null, { status: 204 }));
    await client.auth.setTokens({ access_token: 'access-1', refresh_token: 'refresh-1' });
    const { error } = await client.auth.signOut();
    expect(error).toBeUndefined();
    expect(fetch.requests[0]).toMatchObject({ method: 'POST', path: '/auth/logout' });
    expect(fetch.requests[0].headers.get('authorization')).toBe('Bearer access-1');
    expect(storage.getItem('access_token')).toBeNull();
    expect(storage.getItem('refresh_token')).toBeNull();
  });

  it('signOut clears the tokens even when the server cannot be reached', async () => {
    const { client } = setup(() => networkFailure());
    await client.auth.setTokens({ access_token: 'access-1', refresh_token: 'refresh-1' });
    await expect(client.auth.signOut()).rejects.toThrow(/fetch failed/);
    expect(await client.auth.getTokens()).toBeUndefined();
  });

  it('refreshSession trades the stored refresh token for a new pair and stores it', async () => {
    const pair = { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 900, token_type: 'bearer' };
    const { fetch, client } = setup(() => json(200, pair));
    await client.auth.setTokens({ access_token: 'access-1', refresh_token: 'refresh-1' });
    const { data } = await client.auth.refreshSession();
    expect(data?.access_token).toBe('access-2');
    expect(JSON.parse(fetch.requests[0].body)).toEqual({ refresh_token: 'refresh-1' });
    expect(await client.auth.getTokens()).toEqual({ access_token: 'access-2', refresh_token: 'refresh-2' });
  });

  it('refreshSession with a body sends that refresh token', async () => {
    const { fetch, client } = setup(() => json(200, { access_token: 'a', refresh_token: 'r', expires_in: 1 }));
    await client.auth.refreshSession({ body: { refresh_token: 'other' } });
    expect(JSON.parse(fetch.requests[0].body)).toEqual({ refresh_token: 'other' });
    expect(await client.auth.getTokens()).toEqual({ access_token: 'a', refresh_token: 'r' });
  });

  it('refreshSession without a stored refresh token answers UNAUTHENTICATED without a request', async () => {
    const { fetch, client } = setup(() => json(200, {}));
    const { error, response } = await client.auth.refreshSession();
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(response.status).toBe(401);
    expect(fetch.requests).toHaveLength(0);
  });

  it('names the methods after the operations they reach', async () => {
    const { fetch, client } = setup(() => json(200, []));
    await client.auth.listUsers({ params: { query: { limit: 5 } } });
    await client.auth.getUserById({ params: { path: { userId: 'u1' } } });
    await client.auth.updateRlsPolicy({
      params: { path: { tableName: 'posts', policyId: 'p1' } },
      body: { enabled: false },
    });
    await client.auth.listApiKeyPermissions();
    await client.setup.getStatus();
    await client.health.ready();
    expect(fetch.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /auth/users?limit=5',
      'GET /auth/users/u1',
      'PATCH /auth/rls/posts/p1',
      'GET /auth/api-keys/permissions',
      'GET /setup/status',
      'GET /health/ready',
    ]);
  });
});
