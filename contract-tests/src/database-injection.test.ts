import { beforeAll, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import type { ApiResponse } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const SECRET = 'bob-secret-91c2';
const PAYLOADS = [
  "'; drop table notes; --",
  "' or '1'='1",
  '" or ""="',
  'notes; drop table notes',
  'notes"--',
  '1 union select secret from notes',
  "') union select owner_id, secret from notes --",
  'id) or (1=1',
  'id desc',
  'notes.secret',
  'ls_users',
  'sqlite_master',
  'pg_catalog.pg_user',
  'count(*)',
  '*',
  '$1',
  '?',
  '%',
  '\\',
  '/*',
  '🙂',
  'a'.repeat(300),
];

contractSuite(import.meta.filename, 'database: the injection corpus through /api/tables', (t) => {
  let admin: Person;
  let alice: Person;
  let bob: Person;
  let before: string;

  const state = async () => {
    const tables = (await t.call('getTables', { token: admin.token })).body;
    const notes = (
      await t.call('getTableData', {
        params: { path: { tableName: 'notes' }, query: { limit: 1000 } },
        token: admin.token,
      })
    ).body.rows;
    const users = (await t.call('getUsers', { token: admin.token })).body;
    return JSON.stringify({ tables, notes, users: users.users ?? users });
  };
  const safe = (res: ApiResponse, what: string) => {
    expect(res.status, what).toBeLessThan(500);
    expect(JSON.stringify(res.body), what).not.toContain(SECRET);
    return res.status;
  };

  beforeAll(async () => {
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'alice');
    bob = await signUpUser(t, 'bob');
    await createTable(t, admin, 'notes', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'owner_id', type: 'text', nullable: false },
      { name: 'secret', type: 'text' },
    ]);
    await createTable(t, admin, 'sink', [{ name: 'value', type: 'text' }]);
    await t.call('insertRow', {
      params: { path: { tableName: 'notes' } },
      body: { id: 1, owner_id: alice.id, secret: 'alice-note' },
      token: admin.token,
    });
    await t.call('insertRow', {
      params: { path: { tableName: 'notes' } },
      body: { id: 2, owner_id: bob.id, secret: SECRET },
      token: admin.token,
    });
    await t.call('createRLSPolicy', {
      params: { path: { tableName: 'notes' } },
      body: { name: 'own', operation: 'all', expression: 'owner_id = auth.uid()' },
      token: admin.token,
    });
    before = await state();
  });

  it('table names and row ids in the path: 400 or 404, nothing else', async () => {
    for (const payload of PAYLOADS) {
      const table = payload;
      const asAlice = { token: alice.token };
      for (const res of [
        await t.call('getTableData', { params: { path: { tableName: table } }, ...asAlice }),
        await t.call('getTableSchema', { params: { path: { tableName: table } }, ...asAlice }),
        await t.call('getIndexes', { params: { path: { tableName: table } }, ...asAlice }),
        await t.call('getRelationships', { params: { path: { tableName: table } }, ...asAlice }),
        await t.call('getCollectionSchema', { params: { path: { tableName: table } }, ...asAlice }),
        await t.call('insertRow', { params: { path: { tableName: table } }, body: { owner_id: alice.id }, ...asAlice }),
        await t.call('dropTable', { params: { path: { tableName: table } }, token: admin.token }),
      ]) {
        expect([400, 404], payload).toContain(safe(res, payload));
      }
      const row = payload;
      expect([400, 404], payload).toContain(
        safe(
          await t.call('updateRow', {
            params: { path: { tableName: 'notes', rowId: row } },
            body: { secret: 'x' },
            ...asAlice,
          }),
          payload,
        ),
      );
      expect([400, 404], payload).toContain(
        safe(await t.call('deleteRow', { params: { path: { tableName: 'notes', rowId: row } }, ...asAlice }), payload),
      );
    }
    expect(await state()).toBe(before);
  });

  it('column names in order_by, filters and bodies: 400', async () => {
    for (const payload of PAYLOADS) {
      const asAlice = { token: alice.token };
      const field = JSON.stringify([{ field: payload, operator: 'eq', value: 1 }]);
      expect(
        safe(
          await t.call('getTableData', {
            params: { path: { tableName: 'notes' }, query: { order_by: payload } },
            ...asAlice,
          }),
          payload,
        ),
      ).toBe(400);
      expect(
        safe(
          await t.raw.get(`/api/tables/notes/data?order_dir=${encodeURIComponent(payload)}`, { ...asAlice }),
          payload,
        ),
      ).toBe(400);
      expect(
        safe(
          await t.call('getTableData', {
            params: { path: { tableName: 'notes' }, query: { filters: field } },
            ...asAlice,
          }),
          payload,
        ),
      ).toBe(400);
      expect(
        safe(
          await t.call('insertRow', {
            params: { path: { tableName: 'notes' } },
            body: { owner_id: alice.id, [payload]: 1 },
            ...asAlice,
          }),
          payload,
        ),
      ).toBe(400);
      expect(
        safe(
          await t.call('updateRow', {
            params: { path: { tableName: 'notes', rowId: '1' } },
            body: { [payload]: 1 },
            ...asAlice,
          }),
          payload,
        ),
      ).toBe(400);
      for (const paging of [`limit=${encodeURIComponent(payload)}`, `offset=${encodeURIComponent(payload)}`]) {
        expect(
          safe(
            await t.call('getTableData', {
              params: { path: { tableName: 'notes' } },
              rawQuery: `${paging}`,
              ...asAlice,
            }),
            paging,
          ),
        ).toBe(400);
      }
    }
    expect(await state()).toBe(before);
  });

  it("filter values are bound: they match what they literally are, and never reveal another user's row", async () => {
    for (const payload of PAYLOADS) {
      for (const operator of ['eq', 'neq', 'gt', 'lt', 'like', 'ilike']) {
        for (const fieldName of ['owner_id', 'secret']) {
          const filters = JSON.stringify([{ field: fieldName, operator, value: payload }]);
          const res = await t.call('getTableData', {
            params: { path: { tableName: 'notes' }, query: { filters } },
            token: alice.token,
          });
          expect(safe(res, `${fieldName} ${operator} ${payload}`)).toBe(200);
          expect(res.body.total).toBeLessThanOrEqual(1);
        }
      }
      const any = JSON.stringify([
        {
          or: [
            { field: 'secret', operator: 'eq', value: payload },
            { field: 'id', operator: 'in', value: [2] },
          ],
        },
      ]);
      const res = await t.call('getTableData', {
        params: { path: { tableName: 'notes' }, query: { filters: any } },
        token: alice.token,
      });
      expect(res.body).toMatchObject({ rows: [], total: 0 });
    }
    expect(await state()).toBe(before);
  });

  it('written values are stored as they are', async () => {
    for (const value of PAYLOADS) {
      const res = await t.call('insertRow', {
        params: { path: { tableName: 'sink' } },
        body: { value },
        token: alice.token,
      });
      expect(res.status).toBe(201);
      expect(res.body.value).toBe(value);
    }
    const stored = (
      await t.call('getTableData', {
        params: { path: { tableName: 'sink' }, query: { limit: 1000 } },
        token: admin.token,
      })
    ).body.rows;
    expect(stored.map((r: any) => r.value)).toEqual(PAYLOADS);
    expect(await state()).toBe(before);
  });
});
