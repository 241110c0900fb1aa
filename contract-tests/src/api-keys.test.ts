import { expect, it } from 'vitest';
import { setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'api-keys', (t) => {
  it('creates a key whose secret is shown once and works as a credential', async () => {
    const user = await signUpUser(t);
    const created = await t.call('createApiKey', { body: { name: 'ci', permissions: ['read'] }, token: user.token });
    expect(created.status).toBe(201);
    const { key, secret } = created.body;
    expect(secret.startsWith('lsk_')).toBe(true);
    expect(key.key_prefix).toBe(secret.slice(0, 8));
    const list = await t.call('getApiKeys', { token: user.token });
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const me = await t.call('getCurrentUser', { apiKey: secret });
    expect(me.body.id).toBe(user.id);
    expect((await t.call('getCurrentUser', { token: secret })).body.id).toBe(user.id);
    expect((await t.call('getApiKeys', { token: user.token })).body[0].last_used_at).toBeTruthy();
  });

  it('limits a key to its permissions and its owner role', async () => {
    const user = await signUpUser(t);
    const readOnly = (await t.call('createApiKey', { body: { name: 'ro', permissions: ['read'] }, token: user.token }))
      .body.secret;
    const write = await t.call('createApiKey', { body: { name: 'w' }, apiKey: readOnly });
    expect(write.status).toBe(403);
    expect(
      (await t.call('createApiKey', { body: { name: 'adm', permissions: ['admin'] }, token: user.token })).status,
    ).toBe(403);
    const admin = await setupAdmin(t);
    const adminKey = (
      await t.call('createApiKey', { body: { name: 'adm', permissions: ['read', 'admin'] }, token: admin.token })
    ).body.secret;
    expect((await t.call('getUsers', { apiKey: adminKey })).status).toBe(200);
    const plainKey = (
      await t.call('createApiKey', { body: { name: 'plain', permissions: ['read'] }, token: admin.token })
    ).body.secret;
    expect((await t.call('getUsers', { apiKey: plainKey })).status).toBe(403);
  });

  it('revokes a key: it stops working', async () => {
    const user = await signUpUser(t);
    const { key, secret } = (
      await t.call('createApiKey', {
        body: { name: 'tmp', permissions: ['read', 'write'], expires_in_days: 1 },
        token: user.token,
      })
    ).body;
    expect(key.expires_at).toBeTruthy();
    const other = await signUpUser(t, 'other');
    expect((await t.call('revokeApiKey', { params: { path: { keyId: key.id } }, token: other.token })).status).toBe(
      404,
    );
    expect((await t.call('revokeApiKey', { params: { path: { keyId: key.id } }, token: user.token })).status).toBe(204);
    expect((await t.call('getCurrentUser', { apiKey: secret })).status).toBe(401);
    expect((await t.call('revokeApiKey', { params: { path: { keyId: key.id } }, token: user.token })).status).toBe(404);
  });

  it('lists the permissions; refuses bad input and anonymous callers', async () => {
    const user = await signUpUser(t);
    const perms = await t.call('getAvailablePermissions', { token: user.token });
    expect(perms.body.map((p: { name: string }) => p.name)).toEqual(['read', 'write', 'admin', 'service']);
    expect(
      (await t.call('createApiKey', { body: { name: '', permissions: ['read'] }, token: user.token })).status,
    ).toBe(400);
    expect(
      (await t.raw.post('/auth/api-keys', { name: 'x', permissions: ['root'] }, { token: user.token })).status,
    ).toBe(400);
    expect((await t.call('getApiKeys', { token: user.token })).body).toEqual([]);
    expect((await t.call('revokeApiKey', { params: { path: { keyId: 'nope' } }, token: user.token })).status).toBe(400);
    expect((await t.call('getApiKeys', { params: { query: { limit: 0 } }, token: user.token })).status).toBe(400);
    for (const res of [
      await t.call('getApiKeys'),
      await t.call('createApiKey', { body: { name: 'x' } }),
      await t.call('revokeApiKey', { params: { path: { keyId: '00000000-0000-4000-8000-000000000000' } } }),
      await t.call('getAvailablePermissions'),
    ]) {
      expect(res.status).toBe(401);
    }
  });
});
