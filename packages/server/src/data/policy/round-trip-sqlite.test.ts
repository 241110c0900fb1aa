import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatePolicy } from './evaluate';
import { parsePolicy } from './parser';
import { CALLERS, EXPRESSIONS, POLICY_SETS, POST_COLUMNS, POST_ROWS, type PostRow } from './round-trip-fixture';
import { policiesToSql, policyToSql } from './to-sql';

const sqlite = new Database(':memory:');
sqlite.exec(`create table posts (${POST_COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(', ')})`);
const insert = sqlite.prepare(`insert into posts values (${POST_COLUMNS.map(() => '?').join(', ')})`);
for (const row of POST_ROWS) {
  insert.run(...POST_COLUMNS.map(([name]) => (typeof row[name] === 'boolean' ? Number(row[name]) : row[name])));
}
const stored = sqlite.prepare('select * from posts order by id').all() as Record<string, unknown>[];
const db = new Kysely<{ posts: PostRow }>({ dialect: new SqliteDialect({ database: sqlite }) });
afterAll(() => db.destroy());

const cases = EXPRESSIONS.flatMap((given) => Object.entries(CALLERS).map(([who, caller]) => ({ given, who, caller })));

describe('round trip on SQLite: the compiled predicate selects what evaluatePolicy accepts', () => {
  it.each(cases)('$given as $who', async ({ given, caller }) => {
    const ast = parsePolicy(given);
    const want = POST_ROWS.filter((row) => evaluatePolicy(ast, { ...row }, caller)).map((row) => row.id);
    expect(stored.filter((row) => evaluatePolicy(ast, row, caller)).map((row) => row.id)).toEqual(want);

    const viaKysely = await db
      .selectFrom('posts')
      .select('id')
      .where(policyToSql(ast, caller, 'sqlite').toKysely())
      .orderBy('id')
      .execute();
    expect(viaKysely.map((r) => r.id)).toEqual(want);
  });

  it('the corpus tells rows apart: only the constant expressions pick every row for every caller', () => {
    const trivial = EXPRESSIONS.filter((given) =>
      Object.values(CALLERS).every((caller) =>
        POST_ROWS.every((row) => evaluatePolicy(parsePolicy(given), { ...row }, caller)),
      ),
    );
    expect(trivial).toEqual(['true', "1 < 2 and 'a' < 'b' and true = true"]);
  });

  const sets = POLICY_SETS.flatMap((given) => Object.entries(CALLERS).map(([who, caller]) => ({ given, who, caller })));
  it.each(sets)('policies $given OR-ed, as $who', async ({ given, caller }) => {
    const asts = given.map(parsePolicy);
    const want = POST_ROWS.filter((row) => asts.some((ast) => evaluatePolicy(ast, { ...row }, caller))).map(
      (row) => row.id,
    );
    const got = await db
      .selectFrom('posts')
      .select('id')
      .where(policiesToSql(asts, caller, 'sqlite').toKysely())
      .orderBy('id')
      .execute();
    expect(got.map((r) => r.id)).toEqual(want);
  });
});
