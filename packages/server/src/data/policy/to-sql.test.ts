import { describe, expect, it } from 'vitest';
import type { PolicyCaller, SqlDialect } from './ast';
import { parsePolicy } from './parser';
import { type CompiledPredicate, compilePolicies, compilers, numbered } from './test-compile';
import { policyToSql } from './to-sql';

const ada: PolicyCaller = { uid: 'u-ada', role: 'user' };
const anon: PolicyCaller = { uid: null, role: 'anon' };

/** `want.sql` is written with `?`; on PostgreSQL the placeholders are numbered. */
type Case = { given: string; caller?: PolicyCaller; want: { sql: string; parameters: unknown[] } };

function run(dialect: SqlDialect, cases: Case[]) {
  it.each(cases)('compiles $given', ({ given, caller = ada, want }) => {
    const compiled = policyToSql(parsePolicy(given), caller, dialect);
    const sql = dialect === 'postgres' ? numbered(want.sql) : want.sql;
    expect({ sql: compiled.render(dialect), parameters: compiled.values }).toEqual({
      sql,
      parameters: want.parameters,
    });
  });
}

describe('policyToSql: sqlite', () => {
  run('sqlite', [
    { given: 'owner_id = auth.uid()', want: { sql: '"owner_id" = ?', parameters: ['u-ada'] } },
    { given: 'owner_id = auth.uid()', caller: anon, want: { sql: '"owner_id" = ?', parameters: [null] } },
    { given: "auth.role() = 'user'", want: { sql: '? = ?', parameters: ['user', 'user'] } },
    { given: 'a != 1', want: { sql: '"a" <> ?', parameters: [1n] } },
    { given: 'a < 1.5', want: { sql: '"a" < ?', parameters: [1.5] } },
    { given: 'a <= -2', want: { sql: '"a" <= ?', parameters: [-2n] } },
    { given: 'a > b', want: { sql: '"a" > "b"', parameters: [] } },
    { given: "a >= 'x'", want: { sql: '"a" >= ?', parameters: ['x'] } },
    { given: 'flag = true', want: { sql: '"flag" = ?', parameters: [1n] } },
    { given: 'flag = false', want: { sql: '"flag" = ?', parameters: [0n] } },
    { given: 'x = null', want: { sql: '"x" = ?', parameters: [null] } },
    { given: 'x is null', want: { sql: '"x" IS NULL', parameters: [] } },
    { given: 'x is not null', want: { sql: '"x" IS NOT NULL', parameters: [] } },
    { given: 'auth.uid() is not null', caller: anon, want: { sql: '? IS NOT NULL', parameters: [null] } },
    {
      given: "s in ('a', 'b', null, 3)",
      want: { sql: '"s" IN (?, ?, ?, ?)', parameters: ['a', 'b', null, 3n] },
    },
    {
      given: 'auth.uid() in (owner_id, editor_id)',
      want: { sql: '? IN ("owner_id", "editor_id")', parameters: ['u-ada'] },
    },
    { given: 'true', want: { sql: '?', parameters: [1n] } },
    { given: 'false', want: { sql: '?', parameters: [0n] } },
    { given: 'not a = 1', want: { sql: 'NOT ("a" = ?)', parameters: [1n] } },
    { given: 'not not a = 1', want: { sql: 'NOT (NOT ("a" = ?))', parameters: [1n] } },
    { given: 'a = 1 and b = 2', want: { sql: '"a" = ? AND "b" = ?', parameters: [1n, 2n] } },
    { given: 'a = 1 or b = 2', want: { sql: '("a" = ? OR "b" = ?)', parameters: [1n, 2n] } },
    {
      given: 'a = 1 or b = 2 and c = 3',
      want: { sql: '("a" = ? OR "b" = ? AND "c" = ?)', parameters: [1n, 2n, 3n] },
    },
    {
      given: '(a = 1 or b = 2) and c = 3',
      want: { sql: '("a" = ? OR "b" = ?) AND "c" = ?', parameters: [1n, 2n, 3n] },
    },
    { given: 'not (a = 1 or b = 2)', want: { sql: 'NOT ("a" = ? OR "b" = ?)', parameters: [1n, 2n] } },
    {
      given: "(a = 1 or b = 2) and (c = 3 or d = 'x')",
      want: { sql: '("a" = ? OR "b" = ?) AND ("c" = ? OR "d" = ?)', parameters: [1n, 2n, 3n, 'x'] },
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      want: { sql: '"status" IN (?, ?) AND "deleted_at" IS NULL', parameters: ['published', 'archived'] },
    },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      want: { sql: '? = ? AND NOT ("locked" = ?)', parameters: ['user', 'user', 1n] },
    },
    {
      given: 'is_public = true or owner_id = auth.uid()',
      want: { sql: '("is_public" = ? OR "owner_id" = ?)', parameters: [1n, 'u-ada'] },
    },
  ]);
});

describe('policyToSql: postgres', () => {
  run('postgres', [
    { given: 'owner_id = auth.uid()', want: { sql: '"owner_id" = ?', parameters: ['u-ada'] } },
    { given: 'a != 1', want: { sql: '"a" <> ?', parameters: [1] } },
    { given: 'a < 1.5', want: { sql: '"a" < ?', parameters: [1.5] } },
    { given: 'flag = true', want: { sql: '"flag" = ?', parameters: [true] } },
    { given: 'flag = false', want: { sql: '"flag" = ?', parameters: [false] } },
    { given: 'x = null', want: { sql: '"x" = ?', parameters: [null] } },
    { given: 'x is null', want: { sql: '"x" IS NULL', parameters: [] } },
    { given: "s in ('a', null, 3)", want: { sql: '"s" IN (?, ?, ?)', parameters: ['a', null, 3] } },
    { given: 'true', want: { sql: 'CAST(? AS boolean)', parameters: [true] } },
    {
      given: "auth.role() = 'user'",
      want: { sql: 'CAST(? AS text) = CAST(? AS text)', parameters: ['user', 'user'] },
    },
    { given: 'auth.uid() is null', caller: anon, want: { sql: 'CAST(? AS text) IS NULL', parameters: [null] } },
    { given: 'null is null', want: { sql: 'CAST(? AS text) IS NULL', parameters: [null] } },
    { given: '1 < 2', want: { sql: 'CAST(? AS numeric) < CAST(? AS numeric)', parameters: [1, 2] } },
    { given: '1 = null', want: { sql: 'CAST(? AS numeric) = CAST(? AS numeric)', parameters: [1, null] } },
    {
      given: 'true = false',
      want: { sql: 'CAST(? AS boolean) = CAST(? AS boolean)', parameters: [true, false] },
    },
    { given: "1 = '1'", want: { sql: 'CAST(? AS text) = CAST(? AS text)', parameters: [1, '1'] } },
    {
      given: "auth.role() in ('user', 'admin')",
      want: {
        sql: 'CAST(? AS text) IN (CAST(? AS text), CAST(? AS text))',
        parameters: ['user', 'user', 'admin'],
      },
    },
    { given: 'auth.uid() in (owner_id, 1)', want: { sql: '? IN ("owner_id", ?)', parameters: ['u-ada', 1] } },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      want: { sql: 'CAST(? AS text) = CAST(? AS text) AND NOT ("locked" = ?)', parameters: ['user', 'user', true] },
    },
    {
      given: 'a = 1 or b = 2 and c = 3',
      want: { sql: '("a" = ? OR "b" = ? AND "c" = ?)', parameters: [1, 2, 3] },
    },
    {
      given: 'is_public = true or owner_id = auth.uid()',
      want: { sql: '("is_public" = ? OR "owner_id" = ?)', parameters: [true, 'u-ada'] },
    },
    {
      given: "note = '\"; drop table x; --'",
      want: { sql: '"note" = ?', parameters: ['"; drop table x; --'] },
    },
  ]);
});

describe('policyToSql: columns', () => {
  it('become quoted references, their case kept, and nothing else does', () => {
    const ast = parsePolicy("Owner = auth.uid() and b in (c, 'd') and e is null");
    expect(compilePolicies([ast], ada, 'sqlite')).toEqual({
      sql: '"Owner" = ? AND "b" IN ("c", ?) AND "e" IS NULL',
      parameters: ['u-ada', 'd'],
    });
  });

  it('fit in a where clause', () => {
    const query = compilers.postgres
      .selectFrom('posts')
      .select('id')
      .where('id', '>', 5)
      .where(policyToSql(parsePolicy('a = 1 or b = 2'), ada, 'postgres').toKysely())
      .compile();
    expect(query.sql).toBe('select "id" from "posts" where "id" > $1 and ("a" = $2 OR "b" = $3)');
    expect(query.parameters).toEqual([5, 1, 2]);
  });
});

describe('policiesToKysely', () => {
  const cases: { name: string; given: string[]; dialect: SqlDialect; want: CompiledPredicate }[] = [
    { name: 'no policies', given: [], dialect: 'sqlite', want: { sql: 'FALSE', parameters: [] } },
    { name: 'no policies on postgres', given: [], dialect: 'postgres', want: { sql: 'FALSE', parameters: [] } },
    { name: 'one policy', given: ['a = 1'], dialect: 'sqlite', want: { sql: '"a" = ?', parameters: [1n] } },
    {
      name: 'one policy on postgres',
      given: ['a = 1'],
      dialect: 'postgres',
      want: { sql: '"a" = $1', parameters: [1] },
    },
    {
      name: 'two policies',
      given: ['a = 1 and b = 2', 'c = 3'],
      dialect: 'sqlite',
      want: { sql: '("a" = ? AND "b" = ? OR "c" = ?)', parameters: [1n, 2n, 3n] },
    },
    {
      name: 'two policies on postgres',
      given: ['a = 1 and b = 2', 'c is null'],
      dialect: 'postgres',
      want: { sql: '("a" = $1 AND "b" = $2 OR "c" IS NULL)', parameters: [1, 2] },
    },
    {
      name: 'policies that are ORs themselves',
      given: ['a = 1 or b = 2', 'not (c = 3 or d = 4)'],
      dialect: 'postgres',
      want: { sql: '("a" = $1 OR "b" = $2 OR NOT ("c" = $3 OR "d" = $4))', parameters: [1, 2, 3, 4] },
    },
  ];
  it.each(cases)('$name', ({ given, dialect, want }) => {
    expect(compilePolicies(given.map(parsePolicy), ada, dialect)).toEqual(want);
  });
});
