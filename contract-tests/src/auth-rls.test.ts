import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'auth: row-level security policies', (t) => {
  let admin: Person;
  beforeAll(async () => {
    admin = await setupAdmin(t);
    // Until the database module lands, the table is made directly in the database.
    await sql`create table notes (id integer primary key, owner_id text, body text, is_public boolean)`.execute(
      t.target.app!.services.database.db,
    );
  });

  it('creates, lists, toggles and deletes policies', async () => {
    const body = {
      name: 'owner reads',
      operation: 'select',
      expression: 'owner_id = auth.uid() or is_public = true',
    } as const;
    const created = await t.call('createRLSPolicy', {
      params: { path: { tableName: 'notes' } },
      body: body,
      token: admin.token,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, table: 'notes', enabled: true });
    expect(
      (await t.call('createRLSPolicy', { params: { path: { tableName: 'notes' } }, body: body, token: admin.token }))
        .status,
    ).toBe(409);
    const list = await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } }, token: admin.token });
    expect(list.body).toHaveLength(1);
    expect(list.headers.get('x-total-count')).toBe('1');
    const toggled = await t.call('toggleRLSPolicy', {
      params: { path: { tableName: 'notes', policyId: created.body.id } },
      body: { enabled: false },
      token: admin.token,
    });
    expect(toggled.body.enabled).toBe(false);
    expect(
      (
        await t.call('deleteRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: created.body.id } },
          token: admin.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await t.call('deleteRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: created.body.id } },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } }, token: admin.token })).body,
    ).toEqual([]);
  });

  it('refuses invalid expressions and unknown columns (400 INVALID_POLICY) and unknown tables (404); nothing is stored', async () => {
    for (const expression of [
      'owner_id = ',
      "owner_id = 'x'; drop table notes",
      'missing_col = 1',
      'owner_id = auth.secret()',
    ]) {
      const res = await t.call('createRLSPolicy', {
        params: { path: { tableName: 'notes' } },
        body: { name: `bad ${expression.length}`, operation: 'all', expression },
        token: admin.token,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_POLICY');
    }
    expect(
      (
        await t.call('createRLSPolicy', {
          params: { path: { tableName: 'ghosts' } },
          body: { name: 'p', operation: 'all', expression: 'true' },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('createRLSPolicy', {
          params: { path: { tableName: 'ls_users' } },
          body: { name: 'p', operation: 'all', expression: 'true' },
          token: admin.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.raw.post(
          '/auth/rls/notes',
          { name: 'p', operation: 'upsert', expression: 'true' },
          { token: admin.token },
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } }, token: admin.token })).body,
    ).toEqual([]);
    expect(
      (await t.call('getRLSPolicies', { params: { path: { tableName: '1-bad-name' } }, token: admin.token })).status,
    ).toBe(400);
    expect(
      (
        await t.call('deleteRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: 'not-a-uuid' } },
          token: admin.token,
        })
      ).status,
    ).toBe(400);
    const kept = await t.call('createRLSPolicy', {
      params: { path: { tableName: 'notes' } },
      body: { name: 'kept', operation: 'all', expression: 'true' },
      token: admin.token,
    });
    expect(
      (
        await t.raw.patch(
          `/auth/rls/notes/${encodeURIComponent(kept.body.id)}`,
          { enabled: 'yes' },
          { token: admin.token },
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } }, token: admin.token })).body[0]
        .enabled,
    ).toBe(true);
    await t.call('deleteRLSPolicy', {
      params: { path: { tableName: 'notes', policyId: kept.body.id } },
      token: admin.token,
    });
  });

  it('is for admins only', async () => {
    const user = await signUpUser(t);
    const policy = await t.call('createRLSPolicy', {
      params: { path: { tableName: 'notes' } },
      body: { name: 'any', operation: 'all', expression: 'true' },
      token: admin.token,
    });
    expect(
      (await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } }, token: user.token })).status,
    ).toBe(403);
    expect(
      (
        await t.call('createRLSPolicy', {
          params: { path: { tableName: 'notes' } },
          body: { name: 'mine', operation: 'all', expression: 'true' },
          token: user.token,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('toggleRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: policy.body.id } },
          body: { enabled: false },
          token: user.token,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('deleteRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: policy.body.id } },
          token: user.token,
        })
      ).status,
    ).toBe(403);
    expect((await t.call('getRLSPolicies', { params: { path: { tableName: 'notes' } } })).status).toBe(401);
    expect(
      (
        await t.call('createRLSPolicy', {
          params: { path: { tableName: 'notes' } },
          body: { name: 'anon', operation: 'all', expression: 'true' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await t.call('toggleRLSPolicy', {
          params: { path: { tableName: 'notes', policyId: policy.body.id } },
          body: { enabled: false },
        })
      ).status,
    ).toBe(401);
    expect(
      (await t.call('deleteRLSPolicy', { params: { path: { tableName: 'notes', policyId: policy.body.id } } })).status,
    ).toBe(401);
  });
});
