import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPostgresUrl, testsUsePostgres } from '../../db/test-postgres';
import { evaluatePolicy } from './evaluate';
import { parsePolicy } from './parser';
import { CALLERS, EXPRESSIONS, POLICY_SETS, POST_COLUMNS, POST_ROWS, type PostRow } from './round-trip-fixture';
import { policiesToSql, policyToSql } from './to-sql';

const url = testPostgresUrl;
const schema = `policy_rt_${randomBytes(6).toString('hex')}`;

describe.runIf(await testsUsePostgres())(
  'round trip on PostgreSQL: the compiled predicate selects what evaluatePolicy accepts',
  () => {
    const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    const db = new Kysely<{ posts: PostRow }>({ dialect: new PostgresDialect({ pool }) });
    let stored: Record<string, unknown>[] = [];

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      await pool.query(`create table posts (${POST_COLUMNS.map(([name, , type]) => `"${name}" ${type}`).join(', ')})`);
      const placeholders = POST_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      for (const row of POST_ROWS) {
        await pool.query(
          `insert into posts values (${placeholders})`,
          POST_COLUMNS.map(([name]) => row[name]),
        );
      }
      stored = (await pool.query('select * from posts order by id')).rows;
    });

    afterAll(async () => {
      await db.destroy();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    });

    const cases = EXPRESSIONS.flatMap((given) =>
      Object.entries(CALLERS).map(([who, caller]) => ({ given, who, caller })),
    );
    it.each(cases)('$given as $who', async ({ given, caller }) => {
      const ast = parsePolicy(given);
      const want = POST_ROWS.filter((row) => evaluatePolicy(ast, { ...row }, caller)).map((row) => row.id);
      expect(stored.filter((row) => evaluatePolicy(ast, row, caller)).map((row) => row.id)).toEqual(want);

      const viaKysely = await db
        .selectFrom('posts')
        .select('id')
        .where(policyToSql(ast, caller, 'postgres').toKysely())
        .orderBy('id')
        .execute();
      expect(viaKysely.map((r) => r.id)).toEqual(want);
    });

    const sets = POLICY_SETS.flatMap((given) =>
      Object.entries(CALLERS).map(([who, caller]) => ({ given, who, caller })),
    );
    it.each(sets)('policies $given OR-ed, as $who', async ({ given, caller }) => {
      const asts = given.map(parsePolicy);
      const want = POST_ROWS.filter((row) => asts.some((ast) => evaluatePolicy(ast, { ...row }, caller))).map(
        (row) => row.id,
      );
      const got = await db
        .selectFrom('posts')
        .select('id')
        .where(policiesToSql(asts, caller, 'postgres').toKysely())
        .orderBy('id')
        .execute();
      expect(got.map((r) => r.id)).toEqual(want);
    });

    it('stores the injection-looking notes as plain values', async () => {
      const ast = parsePolicy("note = '''; drop table x; --' or note = '1 or 1=1'");
      const got = await db
        .selectFrom('posts')
        .select('id')
        .where(policyToSql(ast, CALLERS.anon, 'postgres').toKysely())
        .orderBy('id')
        .execute();
      expect(got.map((r) => r.id)).toEqual([4, 5]);
    });
  },
);
