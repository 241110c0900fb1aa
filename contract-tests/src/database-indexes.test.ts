import { beforeAll, describe, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'database: indexes and relationships', (t, target) => {
  let admin: Person;
  let user: Person;
  let readKey: string;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'indexes');
    readKey = await createApiKey(t, admin, ['read']);
    await createTable(t, admin, 'authors', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'email', type: 'text', unique: true },
      { name: 'name', type: 'text' },
    ]);
    await createTable(t, admin, 'posts', [
      { name: 'id', type: 'bigint', primary_key: true },
      { name: 'author_id', type: 'bigint' },
      { name: 'author_email', type: 'text' },
      { name: 'created_at', type: 'timestamp' },
      { name: 'tags', type: 'json' },
    ]);
    await t.call('insertRow', {
      params: { path: { tableName: 'authors' } },
      body: { id: 1, email: 'a@x.test', name: 'A' },
      token: admin.token,
    });
    await t.call('insertRow', {
      params: { path: { tableName: 'posts' } },
      body: { id: 1, author_id: 1 },
      token: admin.token,
    });
  });

  describe('indexes', () => {
    it('lists the indexes behind the primary key and unique columns', async () => {
      const res = await t.call('getIndexes', { params: { path: { tableName: 'authors' } }, token: user.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { name: 'authors_email_key', columns: ['email'], unique: true, type: 'btree' },
        { name: 'authors_pkey', columns: ['id'], unique: true, type: 'btree' },
      ]);
      expect(res.headers.get('x-total-count')).toBe('2');
      expect(
        (
          await t.call('getIndexes', {
            params: { path: { tableName: 'authors' }, query: { limit: 1, offset: 1 } },
            apiKey: readKey,
          })
        ).body,
      ).toHaveLength(1);
    });

    it('creates an index and a unique index, and answers them', async () => {
      const res = await t.call('createIndex', {
        params: { path: { tableName: 'posts' } },
        body: { name: 'posts_author_created_idx', columns: ['author_id', 'created_at'] },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        name: 'posts_author_created_idx',
        columns: ['author_id', 'created_at'],
        unique: false,
        type: 'btree',
      });
      const unique = await t.call('createIndex', {
        params: { path: { tableName: 'authors' } },
        body: { name: 'authors_name_key', columns: ['name'], unique: true, type: 'btree' },
        token: admin.token,
      });
      expect(unique.body.unique).toBe(true);
      expect(
        (
          await t.call('insertRow', {
            params: { path: { tableName: 'authors' } },
            body: { id: 2, name: 'A' },
            token: admin.token,
          })
        ).status,
      ).toBe(409);
      const names = (
        await t.call('getIndexes', { params: { path: { tableName: 'posts' } }, token: admin.token })
      ).body.map((i: any) => i.name);
      expect(names).toContain('posts_author_created_idx');
    });

    it('hash and gin indexes exist on PostgreSQL only (409 UNSUPPORTED_DEPLOYMENT on SQLite)', async () => {
      const hash = await t.call('createIndex', {
        params: { path: { tableName: 'posts' } },
        body: { name: 'posts_email_hash', columns: ['author_email'], type: 'hash' },
        token: admin.token,
      });
      if (target === 'sqlite') {
        expect(hash.status).toBe(409);
        expect(hash.body.code).toBe('UNSUPPORTED_DEPLOYMENT');
      } else {
        expect(hash.status).toBe(201);
        expect(hash.body.type).toBe('hash');
        const gin = await t.call('createIndex', {
          params: { path: { tableName: 'posts' } },
          body: { name: 'posts_tags_gin', columns: ['tags'], type: 'gin' },
          token: admin.token,
        });
        expect(gin.status).toBe(201);
        expect(gin.body.type).toBe('gin');
      }
    });

    it('answers 409 for a name in use, 400 for unknown columns and bad bodies, 404 for unknown tables', async () => {
      const post = (table: string, body: unknown) =>
        t.raw.post(`/api/tables/${encodeURIComponent(table)}/indexes`, body, { token: admin.token });
      expect((await post('posts', { name: 'posts_author_created_idx', columns: ['id'] })).status).toBe(409);
      expect((await post('posts', { name: 'authors', columns: ['id'] })).status).toBe(409);
      expect((await post('posts', { name: 'i1', columns: ['nope'] })).status).toBe(400);
      expect((await post('posts', { name: 'i1', columns: [] })).status).toBe(400);
      expect((await post('posts', { name: 'i 1', columns: ['id'] })).status).toBe(400);
      expect((await post('posts', { name: 'i1', columns: ['id'], type: 'brin' })).status).toBe(400);
      expect((await post('ghosts', { name: 'i1', columns: ['id'] })).status).toBe(404);
      expect(
        (await t.call('getIndexes', { params: { path: { tableName: 'ghosts' } }, token: user.token })).status,
      ).toBe(404);
      expect(
        (
          await t.call('getIndexes', {
            params: { path: { tableName: 'posts' }, query: { offset: -2 } },
            token: user.token,
          })
        ).status,
      ).toBe(400);
    });

    it('drops an index; 409 for one behind a key, 404 for an unknown one or one of another table', async () => {
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'authors', indexName: 'posts_author_created_idx' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'posts', indexName: 'posts_author_created_idx' } },
            token: admin.token,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'posts', indexName: 'posts_author_created_idx' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'authors', indexName: 'authors_pkey' } },
            token: admin.token,
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'authors', indexName: 'authors_email_key' } },
            token: admin.token,
          })
        ).status,
      ).toBe(409);
      expect(
        (await t.call('dropIndex', { params: { path: { tableName: 'ghosts', indexName: 'x' } }, token: admin.token }))
          .status,
      ).toBe(404);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'posts', indexName: 'bad-name' } },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
    });

    it('needs a token; creating and dropping need an admin', async () => {
      expect((await t.call('getIndexes', { params: { path: { tableName: 'posts' } } })).status).toBe(401);
      const body = { name: 'i2', columns: ['id'] };
      expect((await t.call('createIndex', { params: { path: { tableName: 'posts' } }, body: body })).status).toBe(401);
      expect(
        (await t.call('createIndex', { params: { path: { tableName: 'posts' } }, body: body, token: user.token }))
          .status,
      ).toBe(403);
      expect(
        (await t.call('createIndex', { params: { path: { tableName: 'posts' } }, body: body, apiKey: readKey })).status,
      ).toBe(403);
      expect(
        (await t.call('dropIndex', { params: { path: { tableName: 'authors', indexName: 'authors_name_key' } } }))
          .status,
      ).toBe(401);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'authors', indexName: 'authors_name_key' } },
            token: user.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('dropIndex', {
            params: { path: { tableName: 'authors', indexName: 'authors_name_key' } },
            apiKey: readKey,
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('relationships', () => {
    it('adds a foreign key (rebuilding the table on SQLite) that the engine then enforces', async () => {
      const res = await t.call('createRelationship', {
        params: { path: { tableName: 'posts' } },
        body: {
          name: 'posts_author_id_fkey',
          source_column: 'author_id',
          target_table: 'authors',
          target_column: 'id',
          on_delete: 'cascade',
        },
        token: admin.token,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        name: 'posts_author_id_fkey',
        source_table: 'posts',
        source_column: 'author_id',
        target_table: 'authors',
        target_column: 'id',
        on_delete: 'cascade',
      });
      expect(
        (
          await t.call('insertRow', {
            params: { path: { tableName: 'posts' } },
            body: { id: 2, author_id: 99 },
            token: admin.token,
          })
        ).status,
      ).toBe(409);
      const indexes = (
        await t.call('getIndexes', { params: { path: { tableName: 'posts' } }, token: admin.token })
      ).body.map((i: any) => i.name);
      expect(indexes).toContain('posts_pkey');
      const byEmail = await t.call('createRelationship', {
        params: { path: { tableName: 'posts' } },
        body: {
          name: 'posts_by_email',
          source_column: 'author_email',
          target_table: 'authors',
          target_column: 'email',
        },
        token: admin.token,
      });
      expect(byEmail.status).toBe(201);
      expect(byEmail.body.on_delete).toBe('restrict');
      await t.call('deleteRow', { params: { path: { tableName: 'authors', rowId: '1' } }, token: admin.token });
      expect(
        (await t.call('getTableData', { params: { path: { tableName: 'posts' } }, token: admin.token })).body.total,
      ).toBe(0);
    });

    it('lists the table outgoing keys by name', async () => {
      const res = await t.call('getRelationships', { params: { path: { tableName: 'posts' } }, token: user.token });
      expect(res.status).toBe(200);
      expect(res.body.map((r: any) => [r.name, r.source_column, r.target_column, r.on_delete])).toEqual([
        ['posts_author_id_fkey', 'author_id', 'id', 'cascade'],
        ['posts_by_email', 'author_email', 'email', 'restrict'],
      ]);
      expect(res.headers.get('x-total-count')).toBe('2');
      expect(
        (await t.call('getRelationships', { params: { path: { tableName: 'authors' } }, apiKey: readKey })).body,
      ).toEqual([]);
      const erd = await t.call('getERDData', { token: user.token });
      expect(erd.body.relationships.map((r: any) => r.name)).toEqual(['posts_author_id_fkey', 'posts_by_email']);
    });

    it('answers 409 when existing rows break the key, for a name in use, and for a target neither key nor unique', async () => {
      await createTable(t, admin, 'comments', [
        { name: 'post_id', type: 'bigint' },
        { name: 'who', type: 'text' },
      ]);
      await t.call('insertRow', {
        params: { path: { tableName: 'comments' } },
        body: { post_id: 404 },
        token: admin.token,
      });
      const post = (body: unknown) => t.raw.post('/api/tables/comments/relationships', body, { token: admin.token });
      const broken = await post({
        name: 'comments_post_id_fkey',
        source_column: 'post_id',
        target_table: 'posts',
        target_column: 'id',
      });
      expect(broken.status).toBe(409);
      expect(
        (await t.call('getRelationships', { params: { path: { tableName: 'comments' } }, token: admin.token })).body,
      ).toEqual([]);
      expect(
        (await t.call('getTableData', { params: { path: { tableName: 'comments' } }, token: admin.token })).body.total,
      ).toBe(1);
      expect(
        (
          await post({
            name: 'posts_author_id_fkey',
            source_column: 'post_id',
            target_table: 'posts',
            target_column: 'id',
          })
        ).status,
      ).toBe(409);
      expect(
        (await post({ name: 'c_who', source_column: 'who', target_table: 'posts', target_column: 'author_email' }))
          .status,
      ).toBe(409);
    });

    it('answers 400 for unknown columns and target tables, 404 for an unknown table', async () => {
      const post = (table: string, body: unknown) =>
        t.raw.post(`/api/tables/${encodeURIComponent(table)}/relationships`, body, { token: admin.token });
      expect(
        (await post('comments', { name: 'r1', source_column: 'nope', target_table: 'posts', target_column: 'id' }))
          .status,
      ).toBe(400);
      expect(
        (await post('comments', { name: 'r1', source_column: 'post_id', target_table: 'ghosts', target_column: 'id' }))
          .status,
      ).toBe(400);
      expect(
        (await post('comments', { name: 'r1', source_column: 'post_id', target_table: 'posts', target_column: 'nope' }))
          .status,
      ).toBe(400);
      expect((await post('comments', { name: 'r1', source_column: 'post_id' })).status).toBe(400);
      expect(
        (await post('ghosts', { name: 'r1', source_column: 'a', target_table: 'posts', target_column: 'id' })).status,
      ).toBe(404);
      expect(
        (await t.call('getRelationships', { params: { path: { tableName: 'ghosts' } }, token: user.token })).status,
      ).toBe(404);
      expect(
        (
          await t.call('getRelationships', {
            params: { path: { tableName: 'posts' }, query: { limit: 5000 } },
            token: user.token,
          })
        ).status,
      ).toBe(400);
    });

    it('needs a token; adding needs an admin', async () => {
      const body = { name: 'r2', source_column: 'post_id', target_table: 'posts', target_column: 'id' };
      expect((await t.call('getRelationships', { params: { path: { tableName: 'posts' } } })).status).toBe(401);
      expect(
        (await t.call('createRelationship', { params: { path: { tableName: 'comments' } }, body: body })).status,
      ).toBe(401);
      expect(
        (
          await t.call('createRelationship', {
            params: { path: { tableName: 'comments' } },
            body: body,
            token: user.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('createRelationship', {
            params: { path: { tableName: 'comments' } },
            body: body,
            apiKey: readKey,
          })
        ).status,
      ).toBe(403);
    });
  });
});
