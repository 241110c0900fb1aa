import { beforeAll, describe, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const enc = (filters: unknown) => encodeURIComponent(JSON.stringify(filters));

contractSuite(import.meta.filename, 'database: rows through /api/tables', (t) => {
  let admin: Person;
  let user: Person;
  let readKey: string;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'rows');
    readKey = await createApiKey(t, user, ['read']);
    await createTable(t, admin, 'posts', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'title', type: 'text', nullable: false },
      { name: 'body', type: 'text' },
      { name: 'published', type: 'boolean', nullable: false, default: false },
      { name: 'votes', type: 'integer', default: 0 },
      { name: 'created_at', type: 'timestamp', nullable: false, default: 'now()' },
      { name: 'meta', type: 'json' },
    ]);
    const rows = [
      { id: 1, title: 'Hello', body: 'first', published: true, votes: 3, meta: { tags: ['a'] } },
      { id: 2, title: 'hello again', body: null, published: false, votes: 10 },
      { id: 3, title: 'Lockstep', body: 'spec first', published: true, votes: 7 },
      { id: 4, title: 'Draft', body: '100% done', published: false, votes: null },
    ];
    for (const row of rows) {
      const res = await t.call('insertRow', {
        params: { path: { tableName: 'posts' } },
        body: row,
        token: admin.token,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
  });

  describe('insertRow', () => {
    it('answers the stored row with defaults and generated keys', async () => {
      const res = await t.call('insertRow', {
        params: { path: { tableName: 'posts' } },
        body: { title: 'New' },
        token: user.token,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 5, title: 'New', body: null, published: false, votes: 0, meta: null });
      expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
    });

    it('answers 409 for a duplicate key and 400 for unknown columns, bad values and missing required columns', async () => {
      expect(
        (
          await t.call('insertRow', {
            params: { path: { tableName: 'posts' } },
            body: { id: 1, title: 'dup' },
            token: user.token,
          })
        ).status,
      ).toBe(409);
      for (const body of [
        { title: 'x', nope: 1 },
        { body: 'no title' },
        { title: { nested: true } },
        { title: 'x', votes: 'many' },
      ]) {
        const res = await t.call('insertRow', {
          params: { path: { tableName: 'posts' } },
          body: body,
          token: user.token,
        });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect((await t.raw.post('/api/tables/posts/rows', [1, 2], { token: user.token })).status).toBe(400);
    });

    it('answers 404, 401, and 403 for a read-only key', async () => {
      expect(
        (await t.call('insertRow', { params: { path: { tableName: 'ghosts' } }, body: { a: 1 }, token: user.token }))
          .status,
      ).toBe(404);
      expect(
        (await t.call('insertRow', { params: { path: { tableName: 'ls_users' } }, body: { a: 1 }, token: admin.token }))
          .status,
      ).toBe(404);
      expect(
        (await t.call('insertRow', { params: { path: { tableName: 'posts' } }, body: { title: 'x' } })).status,
      ).toBe(401);
      expect(
        (await t.call('insertRow', { params: { path: { tableName: 'posts' } }, body: { title: 'x' }, apiKey: readKey }))
          .status,
      ).toBe(403);
    });
  });

  describe('getTableData', () => {
    it('answers TableData with every column, the total and the paging', async () => {
      const res = await t.call('getTableData', {
        params: { path: { tableName: 'posts' }, query: { limit: 2 } },
        token: user.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.columns).toEqual(['id', 'title', 'body', 'published', 'votes', 'created_at', 'meta']);
      expect(res.body.rows.map((r: any) => r.id)).toEqual([1, 2]);
      expect(res.body.rows[0]).toMatchObject({ published: true, meta: { tags: ['a'] } });
      expect(res.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
      expect(res.headers.get('x-total-count')).toBe('5');
    });

    it('filters with every operator and nested groups, sorts and pages', async () => {
      const ids = async (filters: unknown, extra = '') => {
        const res = await t.call('getTableData', {
          params: { path: { tableName: 'posts' } },
          rawQuery: `filters=${enc(filters)}${extra}`,
          apiKey: readKey,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.body.rows.map((r: any) => r.id);
      };
      const f = (field: string, operator: string, value: unknown) => ({ field, operator, value });
      expect(await ids([f('published', 'eq', true)])).toEqual([1, 3]);
      expect(await ids([f('published', 'neq', true)])).toEqual([2, 4, 5]);
      expect(await ids([f('votes', 'gt', 3)])).toEqual([2, 3]);
      expect(await ids([f('votes', 'gte', 3)])).toEqual([1, 2, 3]);
      expect(await ids([f('votes', 'lt', 3)])).toEqual([5]);
      expect(await ids([f('votes', 'lte', 3)])).toEqual([1, 5]);
      expect(await ids([f('id', 'in', [1, 3, 99])])).toEqual([1, 3]);
      expect(await ids([f('title', 'like', 'hello%')])).toEqual([2]);
      expect(await ids([f('title', 'ilike', 'hello%')])).toEqual([1, 2]);
      expect(await ids([f('body', 'like', '100\\%%')])).toEqual([4]);
      expect(await ids([f('body', 'is', null)])).toEqual([2, 5]);
      expect(await ids([f('published', 'is', false)])).toEqual([2, 4, 5]);
      expect(
        await ids([{ or: [f('id', 'eq', 1), { and: [f('published', 'eq', false), f('votes', 'gt', 5)] }] }]),
      ).toEqual([1, 2]);
      expect(await ids([f('published', 'eq', true), f('votes', 'gt', 5)])).toEqual([3]);
      expect(await ids([], '&order_by=votes&order_dir=desc')).toEqual([4, 2, 3, 1, 5]);
      expect(await ids([], '&order_by=id&order_dir=desc&limit=2&offset=1')).toEqual([4, 3]);
      const counted = await t.call('getTableData', {
        params: {
          path: { tableName: 'posts' },
          query: { limit: 1, filters: JSON.stringify([f('published', 'eq', false)]) },
        },
        token: user.token,
      });
      expect(counted.body.total).toBe(3);
    });

    it('answers 400 for unknown columns, malformed filters and bad paging', async () => {
      for (const query of [
        `filters=${enc([{ field: 'nope', operator: 'eq', value: 1 }])}`,
        `filters=${enc([{ field: 'id', operator: 'regex', value: 1 }])}`,
        `filters=${enc({ field: 'id', operator: 'eq', value: 1 })}`,
        `filters=${enc([{ field: 'id', operator: 'in', value: 1 }])}`,
        `filters=${enc([{ field: 'id', operator: 'is', value: 'x' }])}`,
        'filters=%5Bnot-json',
        'order_by=nope',
        'order_by=id%3Bdrop',
        'order_dir=sideways',
        'limit=0',
        'offset=-1',
      ]) {
        const res = await t.call('getTableData', {
          params: { path: { tableName: 'posts' } },
          rawQuery: `${query}`,
          token: user.token,
        });
        expect(res.status, query).toBe(400);
      }
    });

    it('answers 404 and 401', async () => {
      expect(
        (await t.call('getTableData', { params: { path: { tableName: 'ghosts' } }, token: user.token })).status,
      ).toBe(404);
      expect((await t.call('getTableData', { params: { path: { tableName: 'posts' } } })).status).toBe(401);
    });
  });

  describe('updateRow', () => {
    it('sets the given columns and answers the whole row', async () => {
      const res = await t.call('updateRow', {
        params: { path: { tableName: 'posts', rowId: '2' } },
        body: { published: true, meta: { x: 1 } },
        token: user.token,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 2, title: 'hello again', published: true, meta: { x: 1 } });
    });

    it('answers 404 for an unknown row, 400 for unknown columns and empty changes, 409 for a duplicate key', async () => {
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: '999' } },
            body: { title: 'x' },
            token: user.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: 'abc' } },
            body: { title: 'x' },
            token: user.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'ghosts', rowId: '1' } },
            body: { title: 'x' },
            token: user.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: '2' } },
            body: { nope: 'x' },
            token: user.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: '2' } },
            body: {},
            token: user.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: '2' } },
            body: { id: 1 },
            token: user.token,
          })
        ).status,
      ).toBe(409);
    });

    it('answers 401 and 403 for a read-only key', async () => {
      expect(
        (await t.call('updateRow', { params: { path: { tableName: 'posts', rowId: '2' } }, body: { title: 'x' } }))
          .status,
      ).toBe(401);
      expect(
        (
          await t.call('updateRow', {
            params: { path: { tableName: 'posts', rowId: '2' } },
            body: { title: 'x' },
            apiKey: readKey,
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('deleteRow', () => {
    it('deletes the row', async () => {
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'posts', rowId: '5' } }, token: user.token })).status,
      ).toBe(204);
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'posts', rowId: '5' } }, token: user.token })).status,
      ).toBe(404);
    });

    it('answers 404, 400, 401 and 403', async () => {
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'ghosts', rowId: '1' } }, token: user.token }))
          .status,
      ).toBe(404);
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'b ad', rowId: '1' } }, token: user.token })).status,
      ).toBe(400);
      expect((await t.call('deleteRow', { params: { path: { tableName: 'posts', rowId: '1' } } })).status).toBe(401);
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'posts', rowId: '1' } }, apiKey: readKey })).status,
      ).toBe(403);
    });

    it('answers 409 while other rows reference the row', async () => {
      await createTable(t, admin, 'comments', [
        { name: 'text', type: 'text' },
        { name: 'post_id', type: 'bigint', references: { table: 'posts', column: 'id', on_delete: 'restrict' } },
      ]);
      expect(
        (
          await t.call('insertRow', {
            params: { path: { tableName: 'comments' } },
            body: { text: 'hi', post_id: 1 },
            token: user.token,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.call('insertRow', {
            params: { path: { tableName: 'comments' } },
            body: { text: 'x', post_id: 99 },
            token: user.token,
          })
        ).status,
      ).toBe(409);
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'posts', rowId: '1' } }, token: user.token })).status,
      ).toBe(409);
    });

    it('rows of a table with a composite key cannot be addressed by one id (400)', async () => {
      await createTable(t, admin, 'pairs', [
        { name: 'a', type: 'integer', primary_key: true },
        { name: 'b', type: 'integer', primary_key: true },
      ]);
      expect(
        (await t.call('deleteRow', { params: { path: { tableName: 'pairs', rowId: '1' } }, token: user.token })).status,
      ).toBe(400);
    });
  });
});

contractSuite(import.meta.filename, 'database: the row-level security matrix through /api/tables', (t) => {
  let admin: Person;
  let alice: Person;
  let bob: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    alice = await signUpUser(t, 'alice');
    bob = await signUpUser(t, 'bob');
    await createTable(t, admin, 'notes', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'owner_id', type: 'text', nullable: false },
      { name: 'body', type: 'text' },
      { name: 'public', type: 'boolean', nullable: false, default: false },
    ]);
    for (const [id, owner, pub] of [
      [1, alice.id, false],
      [2, alice.id, true],
      [3, bob.id, false],
      [4, bob.id, false],
    ] as const) {
      await t.call('insertRow', {
        params: { path: { tableName: 'notes' } },
        body: { id, owner_id: owner, body: `n${id}`, public: pub },
        token: admin.token,
      });
    }
    for (const [name, operation, expression] of [
      ['read own or public', 'select', 'owner_id = auth.uid() or public = true'],
      ['insert own', 'insert', 'owner_id = auth.uid()'],
      ['update own', 'update', 'owner_id = auth.uid()'],
      ['delete own', 'delete', 'owner_id = auth.uid()'],
    ] as const) {
      const res = await t.call('createRLSPolicy', {
        params: { path: { tableName: 'notes' } },
        body: { name, operation, expression },
        token: admin.token,
      });
      expect(res.status).toBe(201);
    }
  });

  it('A reads her rows and public rows only, and totals count only those', async () => {
    const res = await t.call('getTableData', {
      params: { path: { tableName: 'notes' }, query: { limit: 1 } },
      token: alice.token,
    });
    expect(res.body.total).toBe(2);
    expect(res.headers.get('x-total-count')).toBe('2');
    const all = await t.call('getTableData', { params: { path: { tableName: 'notes' } }, token: alice.token });
    expect(all.body.rows.map((r: any) => r.id)).toEqual([1, 2]);
    const bobs = await t.call('getTableData', { params: { path: { tableName: 'notes' } }, token: bob.token });
    expect(bobs.body.rows.map((r: any) => r.id)).toEqual([2, 3, 4]);
    const filtered = await t.call('getTableData', {
      params: {
        path: { tableName: 'notes' },
        query: { filters: JSON.stringify([{ field: 'owner_id', operator: 'eq', value: bob.id }]) },
      },
      token: alice.token,
    });
    expect(filtered.body).toMatchObject({ rows: [], total: 0 });
    expect(
      (await t.call('getCollectionSchema', { params: { path: { tableName: 'notes' } }, token: alice.token })).body
        .row_count,
    ).toBe(2);
    expect(
      (await t.call('getTableData', { params: { path: { tableName: 'notes' } }, token: admin.token })).body.total,
    ).toBe(4);
  });

  it('another spelling of the table name is the same table under the same policies, or no table', async () => {
    const res = await t.call('getTableData', { params: { path: { tableName: 'NOTES' } }, token: alice.token });
    if (res.status === 404) return; // PostgreSQL: quoted names are case-sensitive
    expect(res.body.rows.map((r: any) => r.id)).toEqual([1, 2]);
    expect(
      (await t.call('deleteRow', { params: { path: { tableName: 'Notes', rowId: '3' } }, token: alice.token })).status,
    ).toBe(404);
  });

  it('A cannot change or delete B rows (404), nor give her rows to B (403)', async () => {
    expect(
      (
        await t.call('updateRow', {
          params: { path: { tableName: 'notes', rowId: '3' } },
          body: { body: 'mine' },
          token: alice.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('deleteRow', { params: { path: { tableName: 'notes', rowId: '3' } }, token: alice.token })).status,
    ).toBe(404);
    const gift = await t.call('updateRow', {
      params: { path: { tableName: 'notes', rowId: '1' } },
      body: { owner_id: bob.id },
      token: alice.token,
    });
    expect(gift.status).toBe(403);
    expect(gift.body.code).toBe('FORBIDDEN');
    const check = await t.call('getTableData', {
      params: {
        path: { tableName: 'notes' },
        query: { filters: JSON.stringify([{ field: 'id', operator: 'in', value: [1, 3] }]) },
      },
      token: admin.token,
    });
    expect(check.body.rows).toEqual([
      { id: 1, owner_id: alice.id, body: 'n1', public: false },
      { id: 3, owner_id: bob.id, body: 'n3', public: false },
    ]);
  });

  it('A cannot insert rows owned by B (403), and nothing is written', async () => {
    const res = await t.call('insertRow', {
      params: { path: { tableName: 'notes' } },
      body: { id: 10, owner_id: bob.id, body: 'forged' },
      token: alice.token,
    });
    expect(res.status).toBe(403);
    expect(
      (await t.call('getTableData', { params: { path: { tableName: 'notes' } }, token: admin.token })).body.total,
    ).toBe(4);
    const own = await t.call('insertRow', {
      params: { path: { tableName: 'notes' } },
      body: { id: 11, owner_id: alice.id, body: 'ok' },
      token: alice.token,
    });
    expect(own.status).toBe(201);
  });

  it('A updates and deletes her own rows', async () => {
    expect(
      (
        await t.call('updateRow', {
          params: { path: { tableName: 'notes', rowId: '11' } },
          body: { body: 'edited' },
          token: alice.token,
        })
      ).body.body,
    ).toBe('edited');
    expect(
      (await t.call('deleteRow', { params: { path: { tableName: 'notes', rowId: '11' } }, token: alice.token })).status,
    ).toBe(204);
  });

  it('a table whose policies cover no write refuses writes (403) and a table with no read policy shows nothing', async () => {
    await createTable(t, admin, 'locked', [{ name: 'x', type: 'text' }]);
    await t.call('insertRow', { params: { path: { tableName: 'locked' } }, body: { x: 'a' }, token: admin.token });
    await t.call('createRLSPolicy', {
      params: { path: { tableName: 'locked' } },
      body: { name: 'insert anything', operation: 'insert', expression: 'true' },
      token: admin.token,
    });
    expect(
      (await t.call('getTableData', { params: { path: { tableName: 'locked' } }, token: alice.token })).body,
    ).toMatchObject({
      rows: [],
      total: 0,
    });
    expect(
      (await t.call('insertRow', { params: { path: { tableName: 'locked' } }, body: { x: 'b' }, token: alice.token }))
        .status,
    ).toBe(201);
    expect(
      (
        await t.call('updateRow', {
          params: { path: { tableName: 'locked', rowId: '1' } },
          body: { x: 'c' },
          token: alice.token,
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call('deleteRow', { params: { path: { tableName: 'locked', rowId: '1' } }, token: alice.token })).status,
    ).toBe(403);
    expect(
      (await t.call('getTableData', { params: { path: { tableName: 'locked' } }, token: admin.token })).body.total,
    ).toBe(2);
  });
});
