import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser, uniqueEmail } from './harness/fixtures';
import { contractSuite } from './harness/suite';

type Entry = components['schemas']['ObservabilityAuditEntry'];

contractSuite(import.meta.filename, 'observability: the audit log', (t) => {
  let admin: Person;
  let alice: Person;
  let started: string;

  beforeAll(async () => {
    started = new Date(Date.now() - 1000).toISOString();
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'audit-alice');
  });

  const audit = (query: Record<string, unknown>, token = admin.token) =>
    t.call('getAuditLog', { params: { query: query as never }, token });

  it('records sign-ins, failed ones with the address tried and no actor', async () => {
    const wrong = await t.call('signIn', { body: { email: alice.email, password: 'not-her-password' } });
    expect(wrong.status).toBe(401);
    expect((await t.call('signIn', { body: { email: alice.email, password: alice.password } })).status).toBe(200);
    const ok = await audit({ action: 'auth.login', user_id: alice.id });
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBeGreaterThanOrEqual(1);
    expect(ok.body.entries[0]).toMatchObject({
      action: 'auth.login',
      user_id: alice.id,
      resource_type: 'user',
      resource_id: alice.email,
    });
    const failed = await audit({ action: 'auth.login_failed' });
    const mine = failed.body.entries.filter((e: Entry) => e.resource_id === alice.email && e.user_id === null);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(failed.body)).not.toContain('not-her-password');
  });

  it('records an admin’s deletion of a user, newest first, with the page total', async () => {
    const email = uniqueEmail('audit-doomed');
    const created = await t.call('createUser', {
      body: { email, password: 'Doomed-passphrase-1' },
      token: admin.token,
    });
    expect(created.status).toBe(201);
    expect(
      (await t.call('deleteUser', { params: { path: { userId: created.body.id } }, token: admin.token })).status,
    ).toBe(204);
    const page = await audit({ resource_type: 'user', user_id: admin.id, limit: 2 });
    expect(page.body.entries.map((e: Entry) => e.action)).toEqual(['user.delete', 'user.create']);
    expect(page.body.entries[0]).toMatchObject({
      resource_id: created.body.id,
      details: { status: 204, method: 'DELETE' },
    });
    expect(page.headers.get('x-total-count')).toBe(String(page.body.total));
    expect(Date.parse(page.body.entries[0].timestamp)).toBeGreaterThanOrEqual(
      Date.parse(page.body.entries[1].timestamp),
    );
  });

  it('records schema changes by table name, and nothing for a refused one', async () => {
    const name = `audit_${randomUUID().slice(0, 8)}`;
    const columns = [{ name: 'id', type: 'integer', primary_key: true }];
    expect((await t.call('createTable', { body: { name, columns } as never, token: admin.token })).status).toBe(201);
    expect((await t.call('createTable', { body: { name, columns } as never, token: admin.token })).status).toBe(409);
    const page = await audit({ action: 'table.create' });
    expect(page.body.entries.filter((e: Entry) => e.resource_id === name)).toHaveLength(1);
  });

  it('filters by window: nothing before the suite began, nothing after `until`', async () => {
    const before = await audit({ until: started });
    expect(before.body.entries.every((e: Entry) => Date.parse(e.timestamp) < Date.parse(started))).toBe(true);
    const since = await audit({ since: started, limit: 200 });
    expect(since.body.total).toBeGreaterThanOrEqual(3);
  });

  it('lists action names from the spec, sorted, paged', async () => {
    const actions = await t.call('getAuditActions', { params: { query: { limit: 200 } }, token: admin.token });
    expect(actions.status).toBe(200);
    expect(actions.body).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed', 'user.delete', 'backup.create']),
    );
    expect(actions.body).toEqual([...actions.body].sort());
    const first = await t.call('getAuditActions', { params: { query: { limit: 1, offset: 1 } }, token: admin.token });
    expect(first.body).toEqual([actions.body[1]]);
    expect(first.headers.get('x-total-count')).toBe(String(actions.body.length));
  });

  it('is for admins only, and refuses bad filters', async () => {
    expect((await t.raw.get('/observability/audit')).status).toBe(401);
    expect((await t.raw.get('/observability/audit/actions')).status).toBe(401);
    expect((await audit({}, alice.token)).status).toBe(403);
    expect((await t.raw.get('/observability/audit/actions', { token: alice.token })).status).toBe(403);
    expect((await t.raw.get('/observability/audit?user_id=not-a-uuid', { token: admin.token })).status).toBe(400);
    expect((await t.raw.get('/observability/audit/actions?limit=-1', { token: admin.token })).status).toBe(400);
    const inverted = await audit({ since: new Date().toISOString(), until: started });
    expect(inverted.status).toBe(400);
    expect(inverted.body).toMatchObject({ code: 'INVALID_QUERY' });
  });
});
