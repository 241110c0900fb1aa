import { describe, expect, it } from 'vitest';
import type { PolicyCaller, SqlDialect } from './ast';
import { parsePolicy } from './parser';
import { type CompiledPolicy, policiesToSql, policyToSql } from './to-sql';

const ada: PolicyCaller = { uid: 'u-ada', role: 'user' };
const anon: PolicyCaller = { uid: null, role: 'anon' };
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Case = { given: string; caller?: PolicyCaller; want: CompiledPolicy };

function run(dialect: SqlDialect, cases: Case[]) {
  it.each(cases)('compiles $given', ({ given, caller = ada, want }) => {
    expect(policyToSql(parsePolicy(given), caller, quote, dialect)).toEqual(want);
  });
}

describe('policyToSql: sqlite', () => {
  run('sqlite', [
    { given: 'owner_id = auth.uid()', want: { sql: '"owner_id" = ?', params: ['u-ada'] } },
    { given: 'owner_id = auth.uid()', caller: anon, want: { sql: '"owner_id" = ?', params: [null] } },
    { given: "auth.role() = 'user'", want: { sql: '? = ?', params: ['user', 'user'] } },
    { given: 'a != 1', want: { sql: '"a" <> ?', params: [1n] } },
    { given: 'a < 1.5', want: { sql: '"a" < ?', params: [1.5] } },
    { given: 'a <= -2', want: { sql: '"a" <= ?', params: [-2n] } },
    { given: 'a > b', want: { sql: '"a" > "b"', params: [] } },
    { given: "a >= 'x'", want: { sql: '"a" >= ?', params: ['x'] } },
    { given: 'flag = true', want: { sql: '"flag" = ?', params: [1n] } },
    { given: 'flag = false', want: { sql: '"flag" = ?', params: [0n] } },
    { given: 'x = null', want: { sql: '"x" = ?', params: [null] } },
    { given: 'x is null', want: { sql: '"x" IS NULL', params: [] } },
    { given: 'x is not null', want: { sql: '"x" IS NOT NULL', params: [] } },
    { given: 'auth.uid() is not null', caller: anon, want: { sql: '? IS NOT NULL', params: [null] } },
    { given: "s in ('a', 'b', null, 3)", want: { sql: '"s" IN (?, ?, ?, ?)', params: ['a', 'b', null, 3n] } },
    {
      given: 'auth.uid() in (owner_id, editor_id)',
      want: { sql: '? IN ("owner_id", "editor_id")', params: ['u-ada'] },
    },
    { given: 'true', want: { sql: '?', params: [1n] } },
    { given: 'false', want: { sql: '?', params: [0n] } },
    { given: 'not a = 1', want: { sql: 'NOT ("a" = ?)', params: [1n] } },
    { given: 'not not a = 1', want: { sql: 'NOT (NOT ("a" = ?))', params: [1n] } },
    { given: 'a = 1 and b = 2', want: { sql: '"a" = ? AND "b" = ?', params: [1n, 2n] } },
    { given: 'a = 1 or b = 2', want: { sql: '("a" = ? OR "b" = ?)', params: [1n, 2n] } },
    { given: 'a = 1 or b = 2 and c = 3', want: { sql: '("a" = ? OR "b" = ? AND "c" = ?)', params: [1n, 2n, 3n] } },
    { given: '(a = 1 or b = 2) and c = 3', want: { sql: '("a" = ? OR "b" = ?) AND "c" = ?', params: [1n, 2n, 3n] } },
    { given: 'not (a = 1 or b = 2)', want: { sql: 'NOT ("a" = ? OR "b" = ?)', params: [1n, 2n] } },
    {
      given: "(a = 1 or b = 2) and (c = 3 or d = 'x')",
      want: { sql: '("a" = ? OR "b" = ?) AND ("c" = ? OR "d" = ?)', params: [1n, 2n, 3n, 'x'] },
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      want: { sql: '"status" IN (?, ?) AND "deleted_at" IS NULL', params: ['published', 'archived'] },
    },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      want: { sql: '? = ? AND NOT ("locked" = ?)', params: ['user', 'user', 1n] },
    },
  ]);
});

describe('policyToSql: postgres', () => {
  run('postgres', [
    { given: 'owner_id = auth.uid()', want: { sql: '"owner_id" = ?', params: ['u-ada'] } },
    { given: 'a != 1', want: { sql: '"a" <> ?', params: [1] } },
    { given: 'a < 1.5', want: { sql: '"a" < ?', params: [1.5] } },
    { given: 'flag = true', want: { sql: '"flag" = ?', params: [true] } },
    { given: 'flag = false', want: { sql: '"flag" = ?', params: [false] } },
    { given: 'x = null', want: { sql: '"x" = ?', params: [null] } },
    { given: 'x is null', want: { sql: '"x" IS NULL', params: [] } },
    { given: "s in ('a', null, 3)", want: { sql: '"s" IN (?, ?, ?)', params: ['a', null, 3] } },
    { given: 'true', want: { sql: 'CAST(? AS boolean)', params: [true] } },
    {
      given: "auth.role() = 'user'",
      want: { sql: 'CAST(? AS text) = CAST(? AS text)', params: ['user', 'user'] },
    },
    { given: 'auth.uid() is null', caller: anon, want: { sql: 'CAST(? AS text) IS NULL', params: [null] } },
    { given: 'null is null', want: { sql: 'CAST(? AS text) IS NULL', params: [null] } },
    { given: '1 < 2', want: { sql: 'CAST(? AS numeric) < CAST(? AS numeric)', params: [1, 2] } },
    { given: '1 = null', want: { sql: 'CAST(? AS numeric) = CAST(? AS numeric)', params: [1, null] } },
    { given: 'true = false', want: { sql: 'CAST(? AS boolean) = CAST(? AS boolean)', params: [true, false] } },
    { given: "1 = '1'", want: { sql: 'CAST(? AS text) = CAST(? AS text)', params: [1, '1'] } },
    {
      given: "auth.role() in ('user', 'admin')",
      want: { sql: 'CAST(? AS text) IN (CAST(? AS text), CAST(? AS text))', params: ['user', 'user', 'admin'] },
    },
    { given: 'auth.uid() in (owner_id, 1)', want: { sql: '? IN ("owner_id", ?)', params: ['u-ada', 1] } },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      want: { sql: 'CAST(? AS text) = CAST(? AS text) AND NOT ("locked" = ?)', params: ['user', 'user', true] },
    },
    {
      given: 'a = 1 or b = 2 and c = 3',
      want: { sql: '("a" = ? OR "b" = ? AND "c" = ?)', params: [1, 2, 3] },
    },
  ]);
});

describe('policyToSql: identifiers go through quoteIdentifier', () => {
  it('quotes every column with the given function and nothing else', () => {
    const seen: string[] = [];
    const result = policyToSql(
      parsePolicy("Owner = auth.uid() and b in (c, 'd') and e is null"),
      ada,
      (name) => {
        seen.push(name);
        return `[${name}]`;
      },
      'sqlite',
    );
    expect(seen).toEqual(['Owner', 'b', 'c', 'e']);
    expect(result).toEqual({ sql: '[Owner] = ? AND [b] IN ([c], ?) AND [e] IS NULL', params: ['u-ada', 'd'] });
  });
});

describe('policiesToSql', () => {
  const cases: { name: string; given: string[]; dialect: SqlDialect; want: CompiledPolicy }[] = [
    { name: 'no policies', given: [], dialect: 'sqlite', want: { sql: 'FALSE', params: [] } },
    { name: 'no policies on postgres', given: [], dialect: 'postgres', want: { sql: 'FALSE', params: [] } },
    { name: 'one policy', given: ['a = 1'], dialect: 'sqlite', want: { sql: '"a" = ?', params: [1n] } },
    {
      name: 'two policies',
      given: ['a = 1 and b = 2', 'c = 3'],
      dialect: 'sqlite',
      want: { sql: '("a" = ? AND "b" = ? OR "c" = ?)', params: [1n, 2n, 3n] },
    },
    {
      name: 'policies that are ORs themselves',
      given: ['a = 1 or b = 2', 'not (c = 3 or d = 4)'],
      dialect: 'postgres',
      want: { sql: '("a" = ? OR "b" = ? OR NOT ("c" = ? OR "d" = ?))', params: [1, 2, 3, 4] },
    },
  ];
  it.each(cases)('$name', ({ given, dialect, want }) => {
    expect(policiesToSql(given.map(parsePolicy), ada, quote, dialect)).toEqual(want);
  });
});
