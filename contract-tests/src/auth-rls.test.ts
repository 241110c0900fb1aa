import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'auth: row-level security policies', (t) => {
  let admin: Person;
  beforeAll(async () => {
    admin = await setupAdmin(t.client);
    // Until the database module lands, the table is made directly in the database.
    await sql`create table notes (id integer primary key, owner_id text, body text, is_public boolean)`.execute(
      t.target.app!.services.database.db,
    );
  });

  it('creates, lists, toggles and deletes policies', async () => {
    const body = { name: 'owner reads', operation: 'select', expression: 'owner_id = auth.uid() or is_public = true' };
    const created = await t.client.post('/auth/rls/notes', body, { token: admin.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, table: 'notes', enabled: true });
    expect((await t.client.post('/auth/rls/notes', body, { token: admin.token })).status).toBe(409);
    const list = await t.client.get('/auth/rls/notes', { token: admin.token });
    expect(list.body).toHaveLength(1);
    expect(list.headers.get('x-total-count')).toBe('1');
    const toggled = await t.client.patch(
      `/auth/rls/notes/${created.body.id}`,
      { enabled: false },
      { token: admin.token },
    );
    expect(toggled.body.enabled).toBe(false);
    expect((await t.client.delete(`/auth/rls/notes/${created.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.client.delete(`/auth/rls/notes/${created.body.id}`, { token: admin.token })).status).toBe(404);
    expect((await t.client.get('/auth/rls/notes', { token: admin.token })).body).toEqual([]);
  });

  it('refuses invalid expressions and unknown columns (400 INVALID_POLICY) and unknown tables (404); nothing is stored', async () => {
    for (const expression of [
      'owner_id = ',
      "owner_id = 'x'; drop table notes",
      'missing_col = 1',
      'owner_id = auth.secret()',
    ]) {
      const res = await t.client.post(
        '/auth/rls/notes',
        { name: `bad ${expression.length}`, operation: 'all', expression },
        { token: admin.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_POLICY');
    }
    expect(
      (
        await t.client.post(
          '/auth/rls/ghosts',
          { name: 'p', operation: 'all', expression: 'true' },
          { token: admin.token },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.client.post(
          '/auth/rls/ls_users',
          { name: 'p', operation: 'all', expression: 'true' },
          { token: admin.token },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.client.post(
          '/auth/rls/notes',
          { name: 'p', operation: 'upsert', expression: 'true' },
          { token: admin.token },
        )
      ).status,
    ).toBe(400);
    expect((await t.client.get('/auth/rls/notes', { token: admin.token })).body).toEqual([]);
    expect((await t.client.get('/auth/rls/1-bad-name', { token: admin.token })).status).toBe(400);
    expect((await t.client.delete('/auth/rls/notes/not-a-uuid', { token: admin.token })).status).toBe(400);
    const kept = await t.client.post(
      '/auth/rls/notes',
      { name: 'kept', operation: 'all', expression: 'true' },
      { token: admin.token },
    );
    expect(
      (await t.client.patch(`/auth/rls/notes/${kept.body.id}`, { enabled: 'yes' }, { token: admin.token })).status,
    ).toBe(400);
    expect((await t.client.get('/auth/rls/notes', { token: admin.token })).body[0].enabled).toBe(true);
    await t.client.delete(`/auth/rls/notes/${kept.body.id}`, { token: admin.token });
  });

  it('is for admins only', async () => {
    const user = await signUpUser(t.client);
    const policy = await t.client.post(
      '/auth/rls/notes',
      { name: 'any', operation: 'all', expression: 'true' },
      { token: admin.token },
    );
    expect((await t.client.get('/auth/rls/notes', { token: user.token })).status).toBe(403);
    expect(
      (
        await t.client.post(
          '/auth/rls/notes',
          { name: 'mine', operation: 'all', expression: 'true' },
          { token: user.token },
        )
      ).status,
    ).toBe(403);
    expect(
      (await t.client.patch(`/auth/rls/notes/${policy.body.id}`, { enabled: false }, { token: user.token })).status,
    ).toBe(403);
    expect((await t.client.delete(`/auth/rls/notes/${policy.body.id}`, { token: user.token })).status).toBe(403);
    expect((await t.client.get('/auth/rls/notes')).status).toBe(401);
    expect(
      (await t.client.post('/auth/rls/notes', { name: 'anon', operation: 'all', expression: 'true' })).status,
    ).toBe(401);
    expect((await t.client.patch(`/auth/rls/notes/${policy.body.id}`, { enabled: false })).status).toBe(401);
    expect((await t.client.delete(`/auth/rls/notes/${policy.body.id}`)).status).toBe(401);
  });
});
