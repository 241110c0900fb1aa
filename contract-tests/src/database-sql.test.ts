import { beforeAll, describe, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import type { Credential } from './harness/typed-call';

contractSuite(import.meta.filename, 'database: raw SQL and migrations', (t, target) => {
  let admin: Person;
  let user: Person;
  let readKey: string;
  const p = (n: number) => (target === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'sql');
    readKey = await createApiKey(t, admin, ['read']);
    await createTable(t, admin, 'posts', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'title', type: 'text', nullable: false },
      { name: 'published', type: 'boolean', nullable: false, default: false },
    ]);
    for (const [id, title, published] of [
      [1, 'a', true],
      [2, 'b', false],
      [3, 'c', true],
    ] as const)
      await t.call('insertRow', {
        params: { path: { tableName: 'posts' } },
        body: { id, title, published },
        token: admin.token,
      });
  });

  describe('executeQuery', () => {
    it('answers rows, columns, counts and timing in both spellings', async () => {
      const res = await t.call('executeQuery', {
        body: { query: `select id, title from posts where published = ${p(1)} order by id`, params: [true] },
        token: admin.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([
        { id: 1, title: 'a' },
        { id: 3, title: 'c' },
      ]);
      expect(res.body.columns).toEqual(['id', 'title']);
      expect(res.body.rowCount).toBe(2);
      expect(res.body.row_count).toBe(2);
      expect(res.body.executionTime).toBe(res.body.execution_time_ms);
      const empty = await t.call('executeQuery', {
        body: { query: 'select id from posts where id < 0' },
        token: admin.token,
      });
      expect(empty.body).toMatchObject({ rows: [], columns: ['id'], rowCount: 0 });
    });

    it('answers the changed-row count of a statement without rows', async () => {
      const res = await t.call('executeQuery', {
        body: { query: `update posts set title = title where published = ${p(1)}`, params: [false] },
        token: admin.token,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rows: [], columns: [], rowCount: 1 });
    });

    it('binds values, never pastes them', async () => {
      const evil = "x'); drop table posts; --";
      const res = await t.call('executeQuery', {
        body: { query: `select count(*) as n from posts where title = ${p(1)}`, params: [evil] },
        token: admin.token,
      });
      expect(res.body.rows).toEqual([{ n: 0 }]);
      expect((await t.call('getTables', { token: admin.token })).body).toContain('posts');
    });

    it('answers 400 for several statements, bad SQL, unknown tables and bad bodies', async () => {
      for (const body of [
        { query: 'select 1; drop table posts' },
        { query: 'selec 1' },
        { query: 'select * from ghosts' },
        { query: '' },
        { query: '  -- only a comment' },
        { sql: 'select 1' },
      ]) {
        const res = await t.call('executeQuery', { body: body, token: admin.token });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect((await t.call('getTables', { token: admin.token })).body).toContain('posts');
    });

    it('answers 504 past the statement timeout, and the server keeps serving', async () => {
      const runner = t.target.app!.services.sql;
      const before = runner.timeoutMs;
      runner.timeoutMs = 300;
      try {
        const slow =
          target === 'postgres'
            ? 'select pg_sleep(5)'
            : 'with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000000) select count(*) from c';
        const started = Date.now();
        const res = await t.call('executeQuery', { body: { query: slow }, token: admin.token });
        expect(res.status).toBe(504);
        expect(res.body.code).toBe('TIMEOUT');
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        runner.timeoutMs = before;
      }
      const after = await t.call('executeQuery', { body: { query: 'select 1 as one' }, token: admin.token });
      expect(after.body.rows).toEqual([{ one: 1 }]);
    });

    it('is admin only', async () => {
      const body = { query: 'select 1' };
      expect((await t.call('executeQuery', { body: body })).status).toBe(401);
      expect((await t.call('executeQuery', { body: body, token: user.token })).status).toBe(403);
      expect((await t.call('executeQuery', { body: body, apiKey: readKey })).status).toBe(403);
    });
  });

  describe('migrations', () => {
    let addSlug: any;
    let comments: any;

    it('generates a pending migration from changes, in the server dialect', async () => {
      const res = await t.call('generateMigration', {
        body: {
          name: 'add_posts_slug',
          changes: { add_columns: [{ table: 'posts', column: { name: 'slug', type: 'text', unique: true } }] },
        },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      addSlug = res.body;
      expect(addSlug).toMatchObject({ name: 'add_posts_slug', status: 'pending' });
      expect(addSlug.sql_up).toMatch(/alter table "posts" add column "slug"/i);
      expect(addSlug.sql_up).toMatch(/create unique index "posts_slug_key"/i);
      expect(addSlug.sql_down).toMatch(/drop index "posts_slug_key"/i);
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: 'posts' } }, token: admin.token })).body.columns,
      ).toHaveLength(3);
    });

    it('generates create_tables with references and drop_columns', async () => {
      const res = await t.call('generateMigration', {
        body: {
          name: 'comments_and_cleanup',
          changes: {
            create_tables: [
              {
                name: 'comments',
                columns: [
                  { name: 'id', type: 'bigint', primary_key: true },
                  {
                    name: 'post_id',
                    type: 'bigint',
                    nullable: false,
                    references: { table: 'posts', column: 'id', on_delete: 'cascade' },
                  },
                  { name: 'text', type: 'text', nullable: false },
                ],
              },
            ],
            drop_columns: [{ table: 'posts', column: 'published' }],
          },
        },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      comments = res.body;
      expect(comments.sql_up).toMatch(/create table "comments"/i);
      expect(comments.sql_down).toMatch(/drop table "comments"/i);
    });

    it('lists migrations oldest first, paged', async () => {
      const res = await t.call('getMigrations', { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.map((m: any) => m.name)).toEqual(['add_posts_slug', 'comments_and_cleanup']);
      expect(res.headers.get('x-total-count')).toBe('2');
      const second = await t.call('getMigrations', { params: { query: { limit: 1, offset: 1 } }, token: admin.token });
      expect(second.body.map((m: any) => m.id)).toEqual([comments.id]);
    });

    it('applies a migration, then refuses to apply it again (409)', async () => {
      const res = await t.call('applyMigration', { params: { path: { migrationId: addSlug.id } }, token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('applied');
      expect(Number.isNaN(Date.parse(res.body.applied_at))).toBe(false);
      const schema = await t.call('getTableSchema', { params: { path: { tableName: 'posts' } }, token: admin.token });
      expect(schema.body.columns.find((c: any) => c.name === 'slug')).toMatchObject({ unique: true });
      expect(
        (await t.call('applyMigration', { params: { path: { migrationId: addSlug.id } }, token: admin.token })).status,
      ).toBe(409);
      const row = await t.call('insertRow', {
        params: { path: { tableName: 'posts' } },
        body: { id: 9, title: 'z', slug: 'z' },
        token: admin.token,
      });
      expect(row.status).toBe(201);
    });

    it('applies create and drop changes, and rolls them back', async () => {
      const applied = await t.call('applyMigration', {
        params: { path: { migrationId: comments.id } },
        token: admin.token,
      });
      expect(applied.status).toBe(200);
      expect((await t.call('getTables', { token: admin.token })).body).toEqual(['comments', 'posts']);
      const rolled = await t.call('rollbackMigration', {
        params: { path: { migrationId: comments.id } },
        token: admin.token,
      });
      expect(rolled.status).toBe(200);
      expect(rolled.body.status).toBe('rolled_back');
      expect((await t.call('getTables', { token: admin.token })).body).toEqual(['posts']);
      const columns = (await t.call('getTableSchema', { params: { path: { tableName: 'posts' } }, token: admin.token }))
        .body.columns;
      expect(columns.map((c: any) => c.name)).toContain('published');
      expect(
        (await t.call('rollbackMigration', { params: { path: { migrationId: comments.id } }, token: admin.token }))
          .status,
      ).toBe(409);
    });

    it('marks a migration failed when its SQL fails, rolls the transaction back, and answers 400', async () => {
      await createTable(t, admin, 'temp', [{ name: 'x', type: 'text' }]);
      const gen = await t.call('generateMigration', {
        body: {
          name: 'will_fail',
          changes: {
            add_columns: [{ table: 'temp', column: { name: 'y', type: 'text' } }],
            drop_columns: [{ table: 'temp', column: 'x' }],
          },
        },
        token: admin.token,
      });
      expect(gen.status).toBe(201);
      await t.call('executeQuery', { body: { query: 'alter table temp add column y text' }, token: admin.token });
      const res = await t.call('applyMigration', {
        params: { path: { migrationId: gen.body.id } },
        token: admin.token,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_QUERY');
      const listed = (await t.call('getMigrations', { token: admin.token })).body.find(
        (m: any) => m.id === gen.body.id,
      );
      expect(listed.status).toBe('failed');
      expect(listed.error).toBeTruthy();
      const columns = (await t.call('getTableSchema', { params: { path: { tableName: 'temp' } }, token: admin.token }))
        .body.columns;
      expect(columns.map((c: any) => c.name)).toEqual(['id', 'x', 'y']);
    });

    it('answers 409 for a name in use or a table that exists, 400 for unknown tables and columns and bad bodies', async () => {
      const gen = (body: unknown) => t.raw.post('/api/migrations/generate', body, { token: admin.token });
      expect(
        (await gen({ name: 'add_posts_slug', changes: { drop_columns: [{ table: 'posts', column: 'title' }] } }))
          .status,
      ).toBe(409);
      expect(
        (
          await gen({
            name: 'again',
            changes: { create_tables: [{ name: 'posts', columns: [{ name: 'x', type: 'text' }] }] },
          })
        ).status,
      ).toBe(409);
      for (const body of [
        { name: 'g1', changes: { drop_columns: [{ table: 'ghosts', column: 'x' }] } },
        { name: 'g2', changes: { drop_columns: [{ table: 'posts', column: 'nope' }] } },
        { name: 'g3', changes: { add_columns: [{ table: 'ghosts', column: { name: 'x', type: 'text' } }] } },
        { name: 'g4', changes: {} },
        { name: 'bad name!', changes: { drop_columns: [{ table: 'posts', column: 'title' }] } },
        { name: 'g5' },
      ]) {
        expect((await gen(body)).status, JSON.stringify(body)).toBe(400);
      }
    });

    it('answers 404 for unknown migrations and 400 for bad ids', async () => {
      expect(
        (
          await t.call('applyMigration', {
            params: { path: { migrationId: '3c6e9b2a-1d4f-4a8e-b7c0-5e2f8d1a6b34' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('rollbackMigration', {
            params: { path: { migrationId: '3c6e9b2a-1d4f-4a8e-b7c0-5e2f8d1a6b34' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (await t.call('applyMigration', { params: { path: { migrationId: 'nope' } }, token: admin.token })).status,
      ).toBe(400);
      expect(
        (await t.call('rollbackMigration', { params: { path: { migrationId: 'nope' } }, token: admin.token })).status,
      ).toBe(400);
      expect((await t.call('getMigrations', { params: { query: { limit: 0 } }, token: admin.token })).status).toBe(400);
    });

    it('is admin only', async () => {
      const id = addSlug.id;
      const body = { name: 'x', changes: { drop_columns: [{ table: 'posts', column: 'title' }] } };
      const migration = { params: { path: { migrationId: id } } };
      const calls: [write: boolean, send: (who: Credential) => ReturnType<typeof t.call>][] = [
        [false, (who) => t.call('getMigrations', who)],
        [true, (who) => t.call('generateMigration', { body, ...who })],
        [true, (who) => t.call('applyMigration', { ...migration, ...who })],
        [true, (who) => t.call('rollbackMigration', { ...migration, ...who })],
      ];
      for (const [write, send] of calls) {
        expect((await send({})).status).toBe(401);
        expect((await send({ token: user.token })).status).toBe(403);
        if (write) expect((await send({ apiKey: readKey })).status).toBe(403);
      }
      const userKey = await createApiKey(t, user, ['read']);
      expect((await t.call('getMigrations', { apiKey: userKey })).status).toBe(403);
    });
  });
});
