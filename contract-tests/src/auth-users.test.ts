import { expect, it } from 'vitest';
import { setupAdmin, signUpUser, uniqueEmail } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'auth: users (admin)', (t) => {
  it('lists users with search, limit, offset and X-Total-Count', async () => {
    const admin = await setupAdmin(t);
    const tag = `srch${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await signUpUser(t, tag);
    const page = await t.call('getUsers', {
      params: { query: { search: tag, limit: 2, offset: 1 } },
      token: admin.token,
    });
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect((await t.call('getUsers', { params: { query: { limit: 0 } }, token: admin.token })).status).toBe(400);
  });

  it('creates (with role and name), reads, updates and deletes a user', async () => {
    const admin = await setupAdmin(t);
    const email = uniqueEmail('created');
    const created = await t.call('createUser', {
      body: { email, password: 'Created-pass-1', name: 'Grace', role: 'admin' },
      token: admin.token,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: 'Grace', role: 'admin' });
    const id = created.body.id;
    expect((await t.call('getUser', { params: { path: { userId: id } }, token: admin.token })).body.email).toBe(email);
    const updated = await t.call('updateUser', {
      params: { path: { userId: id } },
      body: { metadata: { team: 'core' }, role: 'user' },
      token: admin.token,
    });
    expect(updated.body).toMatchObject({ role: 'user', metadata: { team: 'core' } });
    expect((await t.call('signIn', { body: { email, password: 'Created-pass-1' } })).status).toBe(200);
    expect((await t.call('deleteUser', { params: { path: { userId: id } }, token: admin.token })).status).toBe(204);
    expect((await t.call('getUser', { params: { path: { userId: id } }, token: admin.token })).status).toBe(404);
    expect((await t.call('signIn', { body: { email, password: 'Created-pass-1' } })).status).toBe(401);
  });

  it('answers 404 for unknown ids, 409 for a taken email, 400 for bad input; nothing is written', async () => {
    const admin = await setupAdmin(t);
    const user = await signUpUser(t);
    expect(
      (
        await t.call('getUser', {
          params: { path: { userId: '00000000-0000-4000-8000-000000000000' } },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('updateUser', {
          params: { path: { userId: '00000000-0000-4000-8000-000000000000' } },
          body: { name: 'x' },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('deleteUser', {
          params: { path: { userId: '00000000-0000-4000-8000-000000000000' } },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect((await t.call('getUser', { params: { path: { userId: 'not-a-uuid' } }, token: admin.token })).status).toBe(
      400,
    );
    expect(
      (await t.call('deleteUser', { params: { path: { userId: 'not-a-uuid' } }, token: admin.token })).status,
    ).toBe(400);
    expect(
      (await t.call('createUser', { body: { email: 'not-an-email', password: 'Another-pass-1' }, token: admin.token }))
        .status,
    ).toBe(400);
    expect(
      (await t.call('createUser', { body: { email: user.email, password: 'Another-pass-1' }, token: admin.token }))
        .status,
    ).toBe(409);
    expect(
      (await t.call('updateUser', { params: { path: { userId: user.id } }, body: {}, token: admin.token })).status,
    ).toBe(400);
    expect(
      (await t.raw.patch(`/auth/users/${encodeURIComponent(user.id)}`, { role: 'root' }, { token: admin.token }))
        .status,
    ).toBe(400);
    expect((await t.call('getUser', { params: { path: { userId: user.id } }, token: admin.token })).body.role).toBe(
      'user',
    );
  });

  it('keeps the last admin', async () => {
    const admin = await setupAdmin(t);
    expect((await t.call('deleteUser', { params: { path: { userId: admin.id } }, token: admin.token })).status).toBe(
      409,
    );
    expect(
      (
        await t.call('updateUser', {
          params: { path: { userId: admin.id } },
          body: { role: 'user' },
          token: admin.token,
        })
      ).status,
    ).toBe(409);
  });

  it('refuses non-admins (403) and anonymous callers (401) on every admin operation', async () => {
    const user = await signUpUser(t);
    const calls = [
      () => t.call('getUsers', { token: user.token }),
      () => t.call('createUser', { body: { email: uniqueEmail(), password: 'Created-pass-1' }, token: user.token }),
      () => t.call('getUser', { params: { path: { userId: user.id } }, token: user.token }),
      () => t.call('updateUser', { params: { path: { userId: user.id } }, body: { role: 'admin' }, token: user.token }),
      () => t.call('deleteUser', { params: { path: { userId: user.id } }, token: user.token }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await t.call('getUsers')).status).toBe(401);
    expect((await t.call('createUser', { body: { email: uniqueEmail(), password: 'Created-pass-1' } })).status).toBe(
      401,
    );
    expect((await t.call('getUser', { params: { path: { userId: user.id } } })).status).toBe(401);
    expect((await t.call('updateUser', { params: { path: { userId: user.id } }, body: { name: 'x' } })).status).toBe(
      401,
    );
    expect((await t.call('deleteUser', { params: { path: { userId: user.id } } })).status).toBe(401);
    expect((await t.call('getCurrentUser', { token: user.token })).body.role).toBe('user');
  });
});
