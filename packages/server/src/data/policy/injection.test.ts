import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { PolicyCaller, SqlDialect } from './ast';
import { evaluatePolicy } from './evaluate';
import { parsePolicy } from './parser';
import { compilePolicies, numbered } from './test-compile';

const caller: PolicyCaller = { uid: "u' or '1'='1", role: "user'; drop table posts; --" };

const corpus = [
  "'; drop table x; --",
  "' or '1'='1",
  '1 or 1=1',
  "x' or 1=1 --",
  "'); delete from posts where ('a'='a",
  '\\',
  "\\'",
  "\\'; drop table posts; --",
  'C:\\temp\\new',
  '"quoted" identifier',
  '`backticks`',
  '’ or ’1’=’1',
  '‘smart’ “quotes”',
  'ʼ modifier letter apostrophe',
  '＇fullwidth＇',
  '$1 ?1 :name @p ?',
  '/* comment */ -- line',
  'null',
  'NULL) or (1=1',
  'line\nbreak\r\ttab',
  '😀 astral',
  "''",
  "'",
  '',
  ' ',
  'x'.repeat(500),
];

// NUL is not here: the lexer refuses it anywhere (lexer.test.ts), as PostgreSQL text cannot hold it.

/** A policy text holding `value` as a string literal, quotes doubled. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Every SQL token the compiler may emit on its own; anything else came from the expression. */
const allowedSql =
  /^(?:"[A-Za-z_][A-Za-z0-9_]*"|\?|\$\d+|AND|OR|NOT|IN|IS|NULL|CAST|AS|text|numeric|boolean|FALSE|<>|<=|>=|[=<>(),]|\s+)*$/;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomStrings(count: number): string[] {
  const alphabet = [...'\'"\\;-/*()=<>!?$:@ \n\ta1Z_’‘“”ʼ＇😀%', 'or', 'and', 'drop', '--', "''"];
  const random = seeded(42);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
  );
}

describe('injection: string literals only ever become parameters', () => {
  const dialects: SqlDialect[] = ['sqlite', 'postgres'];
  const cases = [...corpus, ...randomStrings(200)].flatMap((value) =>
    dialects.map((dialect) => ({ value, dialect, given: `note = ${literal(value)}` })),
  );

  it.each(cases)('$dialect: $given', ({ value, dialect, given }) => {
    const ast = parsePolicy(given);
    expect(ast).toEqual({
      kind: 'compare',
      operator: '=',
      left: { kind: 'column', name: 'note' },
      right: { kind: 'literal', value },
    });
    const sql = dialect === 'postgres' ? '"note" = $1' : '"note" = ?';
    expect(compilePolicies([ast], caller, dialect)).toEqual({ sql, parameters: [value] });
    expect(evaluatePolicy(ast, { note: value }, caller)).toBe(true);
  });

  const shapes: { name: string; given: (v: string) => string }[] = [
    { name: 'in lists', given: (v) => `note in (${literal(v)}, ${literal(`${v}x`)})` },
    { name: 'both sides', given: (v) => `${literal(v)} != ${literal(v)} or auth.role() = ${literal(v)}` },
    { name: 'under not', given: (v) => `not (note < ${literal(v)}) and auth.uid() is not null` },
  ];
  const shapeCases = corpus.flatMap((value) =>
    shapes.flatMap((shape) => dialects.map((dialect) => ({ ...shape, value, dialect }))),
  );
  it.each(shapeCases)('$dialect, $name: $value', ({ given, value, dialect }) => {
    const { sql, parameters } = compilePolicies([parsePolicy(given(value))], caller, dialect);
    expect(sql).toMatch(allowedSql);
    expect(parameters).toContain(value);
    if (value.trim() !== '') expect(sql).not.toContain(value);
  });

  it('binds auth values as parameters, whatever they hold', () => {
    const ast = parsePolicy("owner_id = auth.uid() and auth.role() = 'user'");
    expect(compilePolicies([ast], caller, 'sqlite')).toEqual({
      sql: '"owner_id" = ? AND ? = ?',
      parameters: [caller.uid, caller.role, 'user'],
    });
    expect(compilePolicies([ast], caller, 'postgres')).toEqual({
      sql: numbered('"owner_id" = ? AND CAST(? AS text) = CAST(? AS text)'),
      parameters: [caller.uid, caller.role, 'user'],
    });
  });
});

describe('injection: SQL-looking text outside a string literal does not parse', () => {
  const cases = [
    'a = 1; drop table x',
    "a = 1 -- '",
    'a = 1 /* x */',
    "a = 'x' || 'y'",
    'a = ’x’',
    'a = "x"',
    'a = `x`',
    'a = $1',
    'a = ?',
    "a = 'x'' or 1=1",
    "a = '\\'' or 1=1 --",
    'a = 1 union select 1',
    'a = (select 1)',
    'a = 0x41',
    'drop table x',
    "a = 1 or 1=1'",
    '"a" = 1',
    'a.b = 1',
  ];
  it.each(cases)('refuses %s', (given) => {
    expect(() => parsePolicy(given)).toThrow(expect.objectContaining({ name: 'PolicySyntaxError' }));
  });
});

describe('injection: against a real SQLite database', () => {
  const db = new Database(':memory:');
  db.exec('create table posts (id integer primary key, note text); create table x (id integer)');
  const insert = db.prepare('insert into posts (id, note) values (?, ?)');
  corpus.forEach((note, i) => {
    insert.run(i + 1, note);
  });
  afterAll(() => db.close());

  it.each(corpus.map((value, i) => ({ value, id: i + 1 })))(
    'selects exactly the row holding $value',
    ({ value, id }) => {
      const { sql, parameters } = compilePolicies([parsePolicy(`note = ${literal(value)}`)], caller, 'sqlite');
      const ids = db.prepare(`select id from posts where ${sql} order by id`).all(...parameters) as { id: number }[];
      expect(ids.map((r) => r.id)).toEqual(corpus.flatMap((note, i) => (note === value ? [i + 1] : [])));
      expect(ids.map((r) => r.id)).toContain(id);
      expect(db.prepare("select count(*) as n from sqlite_master where name in ('x', 'posts')").get()).toEqual({
        n: 2,
      });
    },
  );
});
