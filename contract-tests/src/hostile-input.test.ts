/**
 * Input a hostile client sends, each kind once a 500 or worse: oversized and deeply nested
 * JSON, offsets past 2^63, NUL bytes in policies, constraint violations that leaked the
 * engine's text. Each answers a documented 4xx with the error body, and nothing is written;
 * over a real socket as in-process.
 */
import { beforeAll, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(
  import.meta.filename,
  'hostile input',
  (t) => {
    let admin: Person;
    const stamp = Date.now().toString(36);
    const parents = `parents_${stamp}`;
    const children = `children_${stamp}`;

    beforeAll(async () => {
      admin = await setupAdmin(t);
      await createTable(t, admin, parents, [
        { name: 'id', type: 'integer', primary_key: true },
        { name: 'slug', type: 'text', unique: true },
        { name: 'title', type: 'text', nullable: false },
        { name: 'data', type: 'json' },
      ]);
      await createTable(t, admin, children, [
        { name: 'id', type: 'integer', primary_key: true },
        { name: 'parent_id', type: 'integer', references: { table: parents, column: 'id' } },
      ]);
    });

    it('answers 413 to a JSON body past the limit, on the public sign-in too, before reading it whole', async () => {
      const huge = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
      const login = await t.raw.post('/auth/login', undefined, { raw: huge });
      expect(login.status).toBe(413);
      expect(login.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
      const row = await t.raw.post(`/api/tables/${parents}/rows`, undefined, {
        token: admin.token,
        raw: JSON.stringify({ id: 1, title: 'big', data: 'y'.repeat(2 * 1024 * 1024) }),
      });
      expect(row.status).toBe(413);
      expect((await t.raw.get(`/api/tables/${parents}/data`, { token: admin.token })).body.total).toBe(0);
    });

    it('answers 400 to JSON nested 10,000 deep, wherever it is sent', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const row = await t.raw.post(`/api/tables/${parents}/rows`, undefined, {
        token: admin.token,
        raw: `{"id":2,"title":"deep","data":${deep}}`,
      });
      expect(row.status).toBe(400);
      expect(row.body.code).toBe('VALIDATION_FAILED');
      expect((await t.raw.post('/auth/login', undefined, { raw: deep })).status).toBe(400);
    });

    it('answers 400 to offsets past 2^63 on every list that takes one', async () => {
      const lists = ['/auth/users', '/auth/sessions', '/api/migrations', '/storage/buckets', '/storage/v1/buckets'];
      for (const path of lists) {
        const res = await t.raw.get(`${path}?offset=1e20`, { token: admin.token });
        expect(res.status, path).toBe(400);
        expect(res.body.details[0].field, path).toBe('query.offset');
      }
    });

    it('answers 400 to a NUL byte in a row-level security policy, and stores nothing', async () => {
      const res = await t.raw.post(
        `/auth/rls/${parents}`,
        { name: 'nul', operation: 'select', expression: "title = 'a\u0000b'" },
        { token: admin.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_POLICY');
      expect((await t.raw.get(`/auth/rls/${parents}`, { token: admin.token })).body).toEqual([]);
    });

    it('keeps enabled: false when a policy is created disabled', async () => {
      const res = await t.raw.post(
        `/auth/rls/${parents}`,
        { name: 'off', operation: 'select', expression: 'id > 0', enabled: false },
        { token: admin.token },
      );
      expect(res.status).toBe(201);
      expect(res.body.enabled).toBe(false);
      const listed = await t.raw.get(`/auth/rls/${parents}`, { token: admin.token });
      expect(listed.body.map((p: { enabled: boolean }) => p.enabled)).toEqual([false]);
      await t.raw.delete(`/auth/rls/${parents}/${res.body.id}`, { token: admin.token });
    });

    it('names constraint violations by code and column, never with the engine’s text', async () => {
      const rows = `/api/tables/${parents}/rows`;
      expect((await t.raw.post(rows, { id: 10, slug: 'a', title: 'A' }, { token: admin.token })).status).toBe(201);
      const cases = [
        [rows, { id: 11, slug: 'b' }, 400, 'NOT_NULL_VIOLATION', { column: 'title' }],
        [rows, { id: 12, slug: 'a', title: 'again' }, 409, 'UNIQUE_VIOLATION', { columns: ['slug'] }],
        [`/api/tables/${children}/rows`, { id: 1, parent_id: 999 }, 409, 'FOREIGN_KEY_VIOLATION', undefined],
      ] as const;
      for (const [path, body, status, code, details] of cases) {
        const res = await t.raw.post(path, body, { token: admin.token });
        expect(res.status, code).toBe(status);
        expect(res.body.code).toBe(code);
        if (details) expect(res.body.details).toMatchObject(details);
        expect(res.body.message).not.toMatch(/constraint failed|violates|SQLITE|duplicate key|null value/i);
      }
      const total = (await t.raw.get(`/api/tables/${parents}/data`, { token: admin.token })).body.total;
      expect(total).toBe(1);
    });

    it('answers CHECK_VIOLATION for a check constraint made with raw SQL', async () => {
      const table = `checked_${stamp}`;
      const created = await t.raw.post(
        '/api/query',
        { query: `CREATE TABLE ${table} (id integer primary key, stars integer CHECK (stars >= 0))` },
        { token: admin.token },
      );
      expect(created.status).toBe(200);
      const res = await t.raw.post(`/api/tables/${table}/rows`, { id: 1, stars: -1 }, { token: admin.token });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CHECK_VIOLATION');
    });

    it('refuses a user the admin-only raw SQL with 403, not by the engine', async () => {
      const user = await signUpUser(t);
      const res = await t.raw.post('/api/query', { query: 'select 1' }, { token: user.token });
      expect(res.status).toBe(403);
    });
  },
  // Over a real socket too: served by Node, a JSON body is read from the request's own stream.
  { overHttp: true },
);
