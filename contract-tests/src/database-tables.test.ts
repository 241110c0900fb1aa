import { beforeAll, describe, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'database: tables, schema, collections, ERD and statistics', (t) => {
  let admin: Person;
  let user: Person;
  let readKey: string;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'tables');
    readKey = await createApiKey(t, admin, ['read']);
  });

  describe('createTable', () => {
    it('creates a table with portable types, defaults, keys and references, and answers its schema', async () => {
      await createTable(t, admin, 'authors', [
        { name: 'id', type: 'bigint', primary_key: true },
        { name: 'name', type: 'text', nullable: false },
        { name: 'active', type: 'boolean', nullable: false, default: true },
      ]);
      const res = await t.call('createTable', {
        body: {
          name: 'posts',
          columns: [
            { name: 'id', type: 'bigint', primary_key: true },
            { name: 'title', type: 'text', nullable: false },
            { name: 'body', type: 'text' },
            {
              name: 'author_id',
              type: 'bigint',
              nullable: false,
              references: { table: 'authors', column: 'id', on_delete: 'cascade' },
            },
            { name: 'published', type: 'boolean', nullable: false, default: false },
            { name: 'score', type: 'real', default: 1.5 },
            { name: 'price', type: 'numeric' },
            { name: 'slug', type: 'text', unique: true },
            { name: 'created_at', type: 'timestamp', nullable: false, default: 'now()' },
            { name: 'day', type: 'date', default: '2026-01-01' },
            { name: 'ref', type: 'uuid', default: 'gen_random_uuid()' },
            { name: 'meta', type: 'json' },
            { name: 'note', type: 'text', default: "it's" },
            { name: 'votes', type: 'integer', default: 0 },
          ],
        },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('posts');
      expect(res.body.primary_key).toEqual(['id']);
      const byName = Object.fromEntries(res.body.columns.map((c: any) => [c.name, c]));
      expect(byName.id).toMatchObject({ type: 'bigint', primary_key: true, nullable: false, unique: true });
      expect(byName.title).toMatchObject({ type: 'text', nullable: false, primary_key: false, unique: false });
      expect(byName.author_id.references).toEqual({ table: 'authors', column: 'id', on_delete: 'cascade' });
      expect(byName.published).toMatchObject({ type: 'boolean', default: false });
      expect(byName.score).toMatchObject({ type: 'real', default: 1.5 });
      expect(byName.slug.unique).toBe(true);
      expect(byName.created_at).toMatchObject({ type: 'timestamp', default: 'now()' });
      expect(byName.day).toMatchObject({ type: 'date', default: '2026-01-01' });
      expect(byName.ref).toMatchObject({ type: 'uuid', default: 'gen_random_uuid()' });
      expect(byName.meta.type).toBe('json');
      expect(byName.note.default).toBe("it's");
      expect(byName.votes).toMatchObject({ type: 'integer', default: 0 });
    });

    it('adds a generated id when no column is the key', async () => {
      const res = await t.call('createTable', {
        body: { name: 'tags', columns: [{ name: 'label', type: 'text', nullable: false, unique: true }] },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      expect(res.body.columns[0]).toMatchObject({ name: 'id', type: 'bigint', primary_key: true });
      const row = await t.call('insertRow', {
        params: { path: { tableName: 'tags' } },
        body: { label: 'x' },
        token: admin.token,
      });
      expect(row.status).toBe(201);
      expect(row.body).toEqual({ id: 1, label: 'x' });
    });

    it('answers 409 for a table that exists', async () => {
      const res = await t.call('createTable', {
        body: { name: 'tags', columns: [{ name: 'x', type: 'text' }] },
        token: admin.token,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
    });

    it('answers 400 for reserved names, bad types, bad defaults, an id that is not the key, and unknown references', async () => {
      const bad = [
        { name: '_private', columns: [{ name: 'x', type: 'text' }] },
        { name: 'ls_things', columns: [{ name: 'x', type: 'text' }] },
        { name: 'sqlite_things', columns: [{ name: 'x', type: 'text' }] },
        { name: 'bad type', columns: [{ name: 'x', type: 'text' }] },
        { name: 'a', columns: [{ name: 'x', type: 'varchar(10)' }] },
        { name: 'a', columns: [] },
        { name: 'a', columns: [{ name: 'x', type: 'integer', default: 'now()' }] },
        { name: 'a', columns: [{ name: 'x', type: 'integer', default: '1; drop table posts' }] },
        { name: 'a', columns: [{ name: 'x', type: 'boolean', default: 1 }] },
        { name: 'a', columns: [{ name: 'x', type: 'uuid', default: 'not-a-uuid' }] },
        { name: 'a', columns: [{ name: 'x', type: 'timestamp', default: "now()'); drop table posts; --" }] },
        { name: 'a', columns: [{ name: 'id', type: 'text' }] },
        {
          name: 'a',
          columns: [
            { name: 'x', type: 'text' },
            { name: 'x', type: 'text' },
          ],
        },
        { name: 'a', columns: [{ name: 'x', type: 'bigint', references: { table: 'ghosts', column: 'id' } }] },
        { name: 'a', columns: [{ name: 'x', type: 'bigint', references: { table: 'authors', column: 'nope' } }] },
      ];
      for (const body of bad) {
        const res = await t.raw.post('/api/tables', body, { token: admin.token });
        expect(res.status, JSON.stringify(body)).toBe(400);
      }
      expect((await t.call('getTables', { token: admin.token })).body).toEqual(['authors', 'posts', 'tags']);
    });

    it('answers 409 when the referenced column is neither key nor unique', async () => {
      const res = await t.call('createTable', {
        body: { name: 'a', columns: [{ name: 'x', type: 'text', references: { table: 'authors', column: 'name' } }] },
        token: admin.token,
      });
      expect(res.status).toBe(409);
    });

    it('needs a token (401), the admin role (403) and a key with write permission (403)', async () => {
      const body = { name: 'nope', columns: [{ name: 'x', type: 'text' }] } as const;
      expect((await t.call('createTable', { body: body })).status).toBe(401);
      expect((await t.call('createTable', { body: body, token: user.token })).status).toBe(403);
      expect((await t.call('createTable', { body: body, apiKey: readKey })).status).toBe(403);
    });
  });

  describe('getTables', () => {
    it('lists user tables by name, never the server own tables, paged with X-Total-Count', async () => {
      const all = await t.call('getTables', { token: user.token });
      expect(all.status).toBe(200);
      expect(all.body).toEqual(['authors', 'posts', 'tags']);
      expect(all.headers.get('x-total-count')).toBe('3');
      const paged = await t.call('getTables', { params: { query: { limit: 1, offset: 1 } }, apiKey: readKey });
      expect(paged.body).toEqual(['posts']);
      expect(paged.headers.get('x-total-count')).toBe('3');
    });

    it('answers 401 without a token and 400 for a bad limit', async () => {
      expect((await t.call('getTables')).status).toBe(401);
      expect((await t.call('getTables', { params: { query: { limit: 0 } }, token: user.token })).status).toBe(400);
    });
  });

  describe('getTableSchema', () => {
    it('answers the columns in table order', async () => {
      const res = await t.call('getTableSchema', { params: { path: { tableName: 'authors' } }, token: user.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        name: 'authors',
        primary_key: ['id'],
        columns: [
          { name: 'id', type: 'bigint', nullable: false, primary_key: true, unique: true },
          { name: 'name', type: 'text', nullable: false, primary_key: false, unique: false },
          { name: 'active', type: 'boolean', nullable: false, primary_key: false, unique: false, default: true },
        ],
      });
    });

    it('answers 404 for unknown and reserved tables, 400 for a bad name, 401 without a token', async () => {
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: 'ghosts' } }, token: user.token })).status,
      ).toBe(404);
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: 'ls_users' } }, token: admin.token })).status,
      ).toBe(404);
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: '_x' } }, token: admin.token })).status,
      ).toBe(404);
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: 'bad-name' } }, token: user.token })).status,
      ).toBe(400);
      expect((await t.call('getTableSchema', { params: { path: { tableName: 'authors' } } })).status).toBe(401);
    });
  });

  describe('getCollections and getCollectionSchema', () => {
    it('answers tables as collections with the rows the caller may see', async () => {
      await t.call('insertRow', {
        params: { path: { tableName: 'authors' } },
        body: { id: 1, name: 'Ann' },
        token: admin.token,
      });
      const list = await t.call('getCollections', { token: user.token });
      expect(list.status).toBe(200);
      expect(list.body.map((c: any) => c.name)).toEqual(['authors', 'posts', 'tags']);
      expect(list.headers.get('x-total-count')).toBe('3');
      const authors = list.body[0];
      expect(authors.row_count).toBe(1);
      expect(authors.columns[2]).toMatchObject({ name: 'active', type: 'boolean', nullable: false });
      expect(authors.columns[2].default_value).toBeTypeOf('string');
      const one = await t.call('getCollectionSchema', {
        params: { path: { tableName: 'authors' } },
        token: user.token,
      });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(authors);
      const limited = await t.call('getCollections', { params: { query: { limit: 1, offset: 2 } }, token: user.token });
      expect(limited.body.map((c: any) => c.name)).toEqual(['tags']);
    });

    it('counts only the rows row-level security lets the caller see', async () => {
      const policy = await t.call('createRLSPolicy', {
        params: { path: { tableName: 'authors' } },
        body: { name: 'nobody', operation: 'select', expression: 'false' },
        token: admin.token,
      });
      expect(policy.status).toBe(201);
      expect(
        (await t.call('getCollectionSchema', { params: { path: { tableName: 'authors' } }, token: user.token })).body
          .row_count,
      ).toBe(0);
      expect(
        (await t.call('getCollectionSchema', { params: { path: { tableName: 'authors' } }, token: admin.token })).body
          .row_count,
      ).toBe(1);
      await t.call('deleteRLSPolicy', {
        params: { path: { tableName: 'authors', policyId: policy.body.id } },
        token: admin.token,
      });
    });

    it('answers 404, 400 and 401', async () => {
      expect(
        (await t.call('getCollectionSchema', { params: { path: { tableName: 'ghosts' } }, token: user.token })).status,
      ).toBe(404);
      expect(
        (await t.call('getCollectionSchema', { params: { path: { tableName: 'b ad' } }, token: user.token })).status,
      ).toBe(400);
      expect((await t.raw.get('/api/_schema/collections?limit=abc', { token: user.token })).status).toBe(400);
      expect((await t.call('getCollections')).status).toBe(401);
      expect((await t.call('getCollectionSchema', { params: { path: { tableName: 'authors' } } })).status).toBe(401);
    });
  });

  describe('getOpenApiSchema', () => {
    it('answers this very document, without a token', async () => {
      const res = await t.call('getOpenApiSchema');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\.1\./);
      expect(res.body.paths['/api/_schema/openapi']).toBeDefined();
    });
  });

  describe('getERDData', () => {
    it('answers every table with its columns and every foreign key', async () => {
      const res = await t.call('getERDData', { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body.tables.map((x: any) => x.name)).toEqual(['authors', 'posts', 'tags']);
      expect(res.body.tables[1].columns.find((c: any) => c.name === 'author_id').references.table).toBe('authors');
      expect(res.body.relationships).toEqual([
        {
          name: 'posts_author_id_fkey',
          source_table: 'posts',
          source_column: 'author_id',
          target_table: 'authors',
          target_column: 'id',
          on_delete: 'cascade',
        },
      ]);
    });

    it('answers 401 without a token', async () => {
      expect((await t.call('getERDData')).status).toBe(401);
    });
  });

  describe('getStatistics', () => {
    it('answers counts and sizes to an admin', async () => {
      const res = await t.call('getStatistics', { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.total_tables).toBe(3);
      expect(res.body.total_rows).toBeGreaterThanOrEqual(2);
      expect(res.body.database_size).toBeGreaterThan(0);
      expect(res.body.wal_size).toBeGreaterThanOrEqual(0);
    });

    it('is admin only', async () => {
      expect((await t.call('getStatistics')).status).toBe(401);
      expect((await t.call('getStatistics', { token: user.token })).status).toBe(403);
      expect((await t.call('getStatistics', { apiKey: readKey })).status).toBe(403);
    });
  });

  describe('dropTable', () => {
    it('answers 409 while another table references it', async () => {
      const res = await t.call('dropTable', { params: { path: { tableName: 'authors' } }, token: admin.token });
      expect(res.status).toBe(409);
    });

    it('drops a table with its policies', async () => {
      await t.call('createRLSPolicy', {
        params: { path: { tableName: 'posts' } },
        body: { name: 'p', operation: 'all', expression: 'true' },
        token: admin.token,
      });
      expect((await t.call('dropTable', { params: { path: { tableName: 'posts' } }, token: admin.token })).status).toBe(
        204,
      );
      expect(
        (await t.call('getTableSchema', { params: { path: { tableName: 'posts' } }, token: admin.token })).status,
      ).toBe(404);
      await createTable(t, admin, 'posts', [{ name: 'x', type: 'text' }]);
      expect(
        (await t.call('getRLSPolicies', { params: { path: { tableName: 'posts' } }, token: admin.token })).body,
      ).toEqual([]);
      expect(
        (await t.call('dropTable', { params: { path: { tableName: 'authors' } }, token: admin.token })).status,
      ).toBe(204);
    });

    it('answers 404, 400, 401 and 403', async () => {
      expect(
        (await t.call('dropTable', { params: { path: { tableName: 'ghosts' } }, token: admin.token })).status,
      ).toBe(404);
      expect(
        (await t.call('dropTable', { params: { path: { tableName: 'ls_users' } }, token: admin.token })).status,
      ).toBe(404);
      expect((await t.call('dropTable', { params: { path: { tableName: 'b;ad' } }, token: admin.token })).status).toBe(
        400,
      );
      expect((await t.call('dropTable', { params: { path: { tableName: 'tags' } } })).status).toBe(401);
      expect((await t.call('dropTable', { params: { path: { tableName: 'tags' } }, token: user.token })).status).toBe(
        403,
      );
      expect((await t.call('dropTable', { params: { path: { tableName: 'tags' } }, apiKey: readKey })).status).toBe(
        403,
      );
      expect((await t.call('getTables', { token: admin.token })).body).toEqual(['posts', 'tags']);
    });
  });
});
