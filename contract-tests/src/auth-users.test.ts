import { expect, it } from 'vitest';
import { setupAdmin, signUpUser, uniqueEmail } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const missingUser = '00000000-0000-4000-8000-000000000000';

contractSuite(import.meta.filename, 'auth: users (admin)', (t) => {
  it('lists users with search, limit, offset and X-Total-Count', async () => {
    const admin = await setupAdmin(t.client);
    const tag = `srch${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await signUpUser(t.client, tag);
    const page = await t.client.get(`/auth/users?search=${tag}&limit=2&offset=1`, { token: admin.token });
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect((await t.client.get('/auth/users?limit=0', { token: admin.token })).status).toBe(400);
  });

  it('creates (with role and name), reads, updates and deletes a user', async () => {
    const admin = await setupAdmin(t.client);
    const email = uniqueEmail('created');
    const created = await t.client.post(
      '/auth/users',
      { email, password: 'Created-pass-1', name: 'Grace', role: 'admin' },
      { token: admin.token },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: 'Grace', role: 'admin' });
    const id = created.body.id;
    expect((await t.client.get(`/auth/users/${id}`, { token: admin.token })).body.email).toBe(email);
    const updated = await t.client.patch(
      `/auth/users/${id}`,
      { metadata: { team: 'core' }, role: 'user' },
      { token: admin.token },
    );
    expect(updated.body).toMatchObject({ role: 'user', metadata: { team: 'core' } });
    expect((await t.client.post('/auth/login', { email, password: 'Created-pass-1' })).status).toBe(200);
    expect((await t.client.delete(`/auth/users/${id}`, { token: admin.token })).status).toBe(204);
    expect((await t.client.get(`/auth/users/${id}`, { token: admin.token })).status).toBe(404);
    expect((await t.client.post('/auth/login', { email, password: 'Created-pass-1' })).status).toBe(401);
  });

  it('answers 404 for unknown ids, 409 for a taken email, 400 for bad input; nothing is written', async () => {
    const admin = await setupAdmin(t.client);
    const user = await signUpUser(t.client);
    expect((await t.client.get(`/auth/users/${missingUser}`, { token: admin.token })).status).toBe(404);
    expect((await t.client.patch(`/auth/users/${missingUser}`, { name: 'x' }, { token: admin.token })).status).toBe(
      404,
    );
    expect((await t.client.delete(`/auth/users/${missingUser}`, { token: admin.token })).status).toBe(404);
    expect((await t.client.get('/auth/users/not-a-uuid', { token: admin.token })).status).toBe(400);
    expect((await t.client.delete('/auth/users/not-a-uuid', { token: admin.token })).status).toBe(400);
    expect(
      (
        await t.client.post(
          '/auth/users',
          { email: 'not-an-email', password: 'Another-pass-1' },
          { token: admin.token },
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.client.post('/auth/users', { email: user.email, password: 'Another-pass-1' }, { token: admin.token }))
        .status,
    ).toBe(409);
    expect((await t.client.patch(`/auth/users/${user.id}`, {}, { token: admin.token })).status).toBe(400);
    expect((await t.client.patch(`/auth/users/${user.id}`, { role: 'root' }, { token: admin.token })).status).toBe(400);
    expect((await t.client.get(`/auth/users/${user.id}`, { token: admin.token })).body.role).toBe('user');
  });

  it('keeps the last admin', async () => {
    const admin = await setupAdmin(t.client);
    expect((await t.client.delete(`/auth/users/${admin.id}`, { token: admin.token })).status).toBe(409);
    expect((await t.client.patch(`/auth/users/${admin.id}`, { role: 'user' }, { token: admin.token })).status).toBe(
      409,
    );
  });

  it('refuses non-admins (403) and anonymous callers (401) on every admin operation', async () => {
    const user = await signUpUser(t.client);
    const calls = [
      () => t.client.get('/auth/users', { token: user.token }),
      () => t.client.post('/auth/users', { email: uniqueEmail(), password: 'Created-pass-1' }, { token: user.token }),
      () => t.client.get(`/auth/users/${user.id}`, { token: user.token }),
      () => t.client.patch(`/auth/users/${user.id}`, { role: 'admin' }, { token: user.token }),
      () => t.client.delete(`/auth/users/${user.id}`, { token: user.token }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await t.client.get('/auth/users')).status).toBe(401);
    expect((await t.client.post('/auth/users', { email: uniqueEmail(), password: 'Created-pass-1' })).status).toBe(401);
    expect((await t.client.get(`/auth/users/${user.id}`)).status).toBe(401);
    expect((await t.client.patch(`/auth/users/${user.id}`, { name: 'x' })).status).toBe(401);
    expect((await t.client.delete(`/auth/users/${user.id}`)).status).toBe(401);
    expect((await t.client.get('/auth/user', { token: user.token })).body.role).toBe('user');
  });
});
