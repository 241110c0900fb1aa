/**
 * An SQL-injection corpus through every parameter of `/rest/v1` and every field of the
 * unified operation, on SQLite and PostgreSQL: each answer is documented (never a 500),
 * leaks no secret, and the database is unchanged afterwards (the rows, the canary table,
 * the users, the list of tables). Values that are data (an inserted title) are stored
 * verbatim.
 */
import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { ApiResponse } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const canary = 'CANARY-7f3a9c-secret';

const corpus = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE inj_posts; --",
  '"; DROP TABLE inj_secret; --',
  'inj_posts; DROP TABLE inj_secret',
  'inj_posts" WHERE 1=1; --',
  '1; DELETE FROM inj_posts',
  '1 OR 1=1',
  '1) OR (1=1',
  "1' UNION SELECT secret FROM inj_secret --",
  'id UNION SELECT password_hash FROM ls_users',
  '(SELECT secret FROM inj_secret)',
  "'||(SELECT secret FROM inj_secret)||'",
  '%',
  "%' OR title LIKE '%",
  '_',
  '\\',
  "\\'; DELETE FROM inj_posts; --",
  '$1',
  '?',
  ':name',
  '`id`',
  'id/**/OR/**/1=1',
  'id -- comment',
  'ʼ OR 1=1 --',
  'pg_sleep(5)',
  '1; SELECT pg_sleep(5)',
  'randomblob(1000000000)',
  'ls_users',
  'sqlite_master',
  'information_schema.tables',
  'inj_secret',
  'id,(select secret from inj_secret)',
  'title.desc;drop',
  'title\u0000',
  '',
  ' ',
  'x'.repeat(5000),
];

/** Whatever the answer, it must not carry any of these. */
const secrets = [canary, '$argon2'];

async function snapshot(db: Kysely<any>, engine: string) {
  const posts = await sql`select * from inj_posts order by id`.execute(db);
  const secret = await sql`select * from inj_secret`.execute(db);
  const users = await sql`select count(*) as n from ls_users`.execute(db);
  const tables =
    engine === 'sqlite'
      ? await sql`select name from sqlite_master where type = 'table' order by name`.execute(db)
      : await sql`select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
          db,
        );
  return JSON.stringify({ posts: posts.rows, secret: secret.rows, users: users.rows, tables: tables.rows });
}

function checkAnswer(res: ApiResponse, what: string): void {
  expect(res.status, what).toBeLessThan(500);
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  for (const secret of secrets) expect(text.includes(secret), `${what} leaks ${secret}`).toBe(false);
}

const q = encodeURIComponent;

contractSuite(import.meta.filename, 'rest and operation: SQL-injection corpus', (t, engine) => {
  let user: Person;
  let db: Kysely<any>;

  beforeAll(async () => {
    const admin = await setupAdmin(t);
    user = await signUpUser(t, 'inj');
    db = t.target.app!.services.database.db as unknown as Kysely<any>;
    await sql`create table inj_posts (id integer primary key, title text not null, slug text unique, views integer)`.execute(
      db,
    );
    await sql`create table inj_secret (id integer primary key, secret text)`.execute(db);
    await sql`insert into inj_secret (id, secret) values (1, ${canary})`.execute(db);
    // The canary table is closed to users: only an injection could read it.
    const closed = { name: 'nobody', operation: 'all', expression: 'false' } as const;
    expect(
      (
        await t.call('createRLSPolicy', {
          params: { path: { tableName: 'inj_secret' } },
          body: closed,
          token: admin.token,
        })
      ).status,
    ).toBe(201);
    for (const [id, title] of [
      [1, 'one'],
      [2, 'two'],
      [3, "O'Brien"],
    ] as const)
      await sql`insert into inj_posts (id, title, slug, views) values (${id}, ${title}, ${`s${id}`}, ${id * 10})`.execute(
        db,
      );
  });

  const filter = (field: string, op: string, value: string) =>
    `filter[0][field]=${q(field)}&filter[0][op]=${q(op)}&filter[0][value]=${q(value)}`;

  it('/rest/v1: table names, filter fields, ops and values, select, order, on_conflict, Prefer, body keys', async () => {
    const before = await snapshot(db, engine);
    const token = user.token;
    for (const p of corpus) {
      const calls: [string, () => Promise<ApiResponse>][] = [
        ['GET table', () => t.call('queryRestTable', { params: { path: { tableName: q(p) } }, token })],
        ['GET schema table', () => t.call('getRestTableSchema', { params: { path: { tableName: q(p) } }, token })],
        [
          'POST table',
          () => t.call('insertRestRows', { params: { path: { tableName: q(p) } }, body: { title: 'x' }, token }),
        ],
        [
          'PATCH table',
          () =>
            t.call('updateRestRows', {
              params: { path: { tableName: q(p) } },
              body: { title: 'x' },
              rawQuery: `${filter('id', 'eq', '1')}`,
              token,
            }),
        ],
        [
          'DELETE table',
          () =>
            t.call('deleteRestRows', {
              params: { path: { tableName: q(p) } },
              rawQuery: `${filter('id', 'eq', '1')}`,
              token,
            }),
        ],
        [
          'filter field',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter(p, 'eq', '1')}`,
              token,
            }),
        ],
        [
          'filter op',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter('title', p, '1')}`,
              token,
            }),
        ],
        ...['eq', 'neq', 'gt', 'lt', 'like', 'ilike', 'in', 'is'].map(
          (op) =>
            [
              `filter value (${op} title)`,
              () =>
                t.call('queryRestTable', {
                  params: { path: { tableName: 'inj_posts' } },
                  rawQuery: `${filter('title', op, p)}`,
                  token,
                }),
            ] as [string, () => Promise<ApiResponse>],
        ),
        [
          'filter value (eq views)',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter('views', 'eq', p)}`,
              token,
            }),
        ],
        [
          'filter value (in id)',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter('id', 'in', p)}`,
              token,
            }),
        ],
        [
          'filter index',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `filter[${q(p)}][field]=id&filter[${q(p)}][op]=eq&filter[${q(p)}][value]=1`,
              token,
            }),
        ],
        [
          'select',
          () =>
            t.call('queryRestTable', { params: { path: { tableName: 'inj_posts' }, query: { select: q(p) } }, token }),
        ],
        [
          'order',
          () =>
            t.call('queryRestTable', { params: { path: { tableName: 'inj_posts' }, query: { order: q(p) } }, token }),
        ],
        [
          'order direction',
          () =>
            t.call('queryRestTable', {
              params: { path: { tableName: 'inj_posts' }, query: { order: q(`title.${p}`) } },
              token,
            }),
        ],
        [
          'PATCH filter value',
          () =>
            t.call('updateRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              body: { views: 0 },
              rawQuery: `${filter('title', 'eq', p)}`,
              token,
            }),
        ],
        [
          'PATCH filter field',
          () =>
            t.call('updateRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              body: { views: 0 },
              rawQuery: `${filter(p, 'eq', '1')}`,
              token,
            }),
        ],
        [
          'PATCH body key',
          () =>
            t.call('updateRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              body: { [p]: 0 },
              rawQuery: `${filter('id', 'eq', '1')}`,
              token,
            }),
        ],
        [
          'DELETE filter value',
          () =>
            t.call('deleteRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter('title', 'eq', p)}`,
              token,
            }),
        ],
        [
          'DELETE filter value (in)',
          () =>
            t.call('deleteRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter('slug', 'in', p)}`,
              token,
            }),
        ],
        [
          'DELETE filter field',
          () =>
            t.call('deleteRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              rawQuery: `${filter(p, 'eq', '1')}`,
              token,
            }),
        ],
        [
          'POST body key',
          () =>
            t.call('insertRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              body: { [p]: 'x', title: 'x' },
              token,
            }),
        ],
        [
          'POST on_conflict',
          () =>
            t.call('insertRestRows', {
              params: { path: { tableName: 'inj_posts' }, query: { on_conflict: q(p) } },
              body: { id: 1, title: 'one' },
              token,
            }),
        ],
        [
          'POST Prefer',
          () =>
            t.call('insertRestRows', {
              params: { path: { tableName: 'inj_posts' } },
              body: { id: 1, title: 'one' },
              token,
              headers: { prefer: p.replace(/[^\x20-\x7e]/g, '') },
            }),
        ],
        ['POST _query as user', () => t.call('runRestQuery', { body: { query: p || 'select 1' }, token })],
      ];
      for (const [what, call] of calls) checkAnswer(await call(), `${what}: ${JSON.stringify(p.slice(0, 60))}`);
    }
    expect(await snapshot(db, engine)).toBe(before);
  }, 60_000); // thousands of requests: about 7 s on a quiet machine

  it('the unified operation: collection, id, select, order, filter keys, operators and values, document and updates keys', async () => {
    const before = await snapshot(db, engine);
    const run = (body: Record<string, unknown>) => t.call('executeOperation', { body: body, token: user.token });
    const collection = 'inj_posts';
    const schema = { schema_id: 'default', schema_version: '1.0' };
    for (const p of corpus) {
      const bodies: [string, Record<string, unknown>][] = [
        ['read collection', { op: 'read', collection: p, id: '1' }],
        ['query collection', { op: 'query', collection: p }],
        ['explain collection', { op: 'explain', collection: p }],
        ['delete collection', { op: 'delete', collection: p, id: '1' }],
        ['read id', { op: 'read', collection, id: p }],
        ['update id', { op: 'update', collection, id: p, updates: { views: 0 } }],
        ['delete id', { op: 'delete', collection, id: p }],
        ['read select', { op: 'read', collection, id: '1', select: [p] }],
        ['query select', { op: 'query', collection, select: ['id', p] }],
        ['query order', { op: 'query', collection, order: [{ field: p, ascending: false }] }],
        ['query filter key', { op: 'query', collection, filter: { [p]: 1 } }],
        ['query filter operator', { op: 'query', collection, filter: { title: { [p]: 'x' } } }],
        ['query filter $eq', { op: 'query', collection, filter: { title: { $eq: p } } }],
        ['query filter bare', { op: 'query', collection, filter: { title: p } }],
        ['query filter $ne', { op: 'query', collection, filter: { title: { $ne: p }, id: { $lt: 0 } } }],
        ['query filter $like', { op: 'query', collection, filter: { title: { $like: p } } }],
        ['query filter $ilike', { op: 'query', collection, filter: { title: { $ilike: p } } }],
        ['query filter $in', { op: 'query', collection, filter: { title: { $in: [p, 'one'] } } }],
        ['query filter $nin', { op: 'query', collection, filter: { id: { $nin: [p] } }, limit: 1 }],
        ['query filter $gt views', { op: 'query', collection, filter: { views: { $gt: p } } }],
        ['query filter $or', { op: 'query', collection, filter: { $or: [{ title: p }, { [p]: p }] } }],
        ['explain filter', { op: 'explain', collection, filter: { title: { $in: [p] } } }],
        ['write document key', { op: 'write', collection, document: { [p]: 'x', title: 'x' }, ...schema }],
        ['update updates key', { op: 'update', collection, id: '1', updates: { [p]: 0 } }],
        // Row 1 already has views 10: should the id still address it, nothing changes.
        ['update with injected id', { op: 'update', collection, id: `1${p}`, updates: { views: 10 } }],
        [
          'write schema_id',
          { op: 'write', collection: p, document: { title: 'x' }, schema_id: p || 'x', schema_version: '1' },
        ],
      ];
      for (const [what, body] of bodies) checkAnswer(await run(body), `${what}: ${JSON.stringify(p.slice(0, 60))}`);
    }
    expect(await snapshot(db, engine)).toBe(before);
  }, 60_000);

  it('stores hostile values verbatim, through /rest/v1 and the operation, and finds them by exact match only', async () => {
    const before = await snapshot(db, engine);
    const hostile = corpus.filter((p) => p !== '' && !p.includes('\u0000') && p.length < 1000);
    let id = 1000;
    for (const p of hostile) {
      const viaRest = await t.call('insertRestRows', {
        params: { path: { tableName: 'inj_posts' } },
        body: { id: ++id, title: p },
        token: user.token,
      });
      expect(viaRest.status, p).toBe(201);
      expect(viaRest.body.rows[0].title).toBe(p);
      const viaOp = await t.call('executeOperation', {
        body: {
          op: 'write',
          collection: 'inj_posts',
          document: { id: ++id, title: p },
          schema_id: 'd',
          schema_version: '1',
        },
        token: user.token,
      });
      expect(viaOp.status, p).toBe(200);
      expect(viaOp.body.data.document.title).toBe(p);
      const found = await t.call('queryRestTable', {
        params: { path: { tableName: 'inj_posts' } },
        rawQuery: `${filter('title', 'eq', p)}&select=id`,
        token: user.token,
      });
      expect(
        found.body.rows.map((r: any) => r.id),
        p,
      ).toEqual([id - 1, id]);
      const queried = await t.call('executeOperation', {
        body: { op: 'query', collection: 'inj_posts', filter: { title: p }, select: ['id'] },
        token: user.token,
      });
      expect(
        queried.body.data.data.map((r: any) => r.id),
        p,
      ).toEqual([id - 1, id]);
      const removed = await t.call('deleteRestRows', {
        params: { path: { tableName: 'inj_posts' } },
        rawQuery: `${filter('title', 'eq', p)}`,
        token: user.token,
      });
      expect(removed.body.count, p).toBe(2);
    }
    expect(await snapshot(db, engine)).toBe(before);
  });
});
