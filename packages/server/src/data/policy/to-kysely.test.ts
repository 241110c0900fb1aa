import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PolicyCaller, SqlDialect } from './ast';
import { parsePolicy } from './parser';
import { policiesToKysely, policyToKysely } from './to-kysely';

type AnyDb = Record<string, any>;

const databases: Record<SqlDialect, Kysely<AnyDb>> = {
  sqlite: new Kysely<AnyDb>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<AnyDb>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

const ada: PolicyCaller = { uid: 'u-ada', role: 'user' };

describe('policyToKysely', () => {
  const cases: { given: string; dialect: SqlDialect; want: { sql: string; parameters: unknown[] } }[] = [
    { given: 'owner_id = auth.uid()', dialect: 'sqlite', want: { sql: '"owner_id" = ?', parameters: ['u-ada'] } },
    { given: 'owner_id = auth.uid()', dialect: 'postgres', want: { sql: '"owner_id" = $1', parameters: ['u-ada'] } },
    {
      given: 'is_public = true or owner_id = auth.uid()',
      dialect: 'sqlite',
      want: { sql: '("is_public" = ? OR "owner_id" = ?)', parameters: [1n, 'u-ada'] },
    },
    {
      given: 'is_public = true or owner_id = auth.uid()',
      dialect: 'postgres',
      want: { sql: '("is_public" = $1 OR "owner_id" = $2)', parameters: [true, 'u-ada'] },
    },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      dialect: 'postgres',
      want: { sql: 'CAST($1 AS text) = CAST($2 AS text) AND NOT ("locked" = $3)', parameters: ['user', 'user', true] },
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      dialect: 'sqlite',
      want: { sql: '"status" IN (?, ?) AND "deleted_at" IS NULL', parameters: ['published', 'archived'] },
    },
    {
      given: "note = '\"; drop table x; --'",
      dialect: 'postgres',
      want: { sql: '"note" = $1', parameters: ['"; drop table x; --'] },
    },
  ];
  it.each(cases)('compiles $given for $dialect', ({ given, dialect, want }) => {
    const compiled = policyToKysely(parsePolicy(given), ada, dialect).compile(databases[dialect]);
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toEqual(want);
  });

  it('fits in a where clause', () => {
    const query = databases.postgres
      .selectFrom('posts')
      .select('id')
      .where('id', '>', 5)
      .where(policyToKysely(parsePolicy('a = 1 or b = 2'), ada, 'postgres'))
      .compile();
    expect(query.sql).toBe('select "id" from "posts" where "id" > $1 and ("a" = $2 OR "b" = $3)');
    expect(query.parameters).toEqual([5, 1, 2]);
  });
});

describe('policiesToKysely', () => {
  const cases: { name: string; given: string[]; dialect: SqlDialect; want: { sql: string; parameters: unknown[] } }[] =
    [
      { name: 'no policies', given: [], dialect: 'sqlite', want: { sql: 'FALSE', parameters: [] } },
      { name: 'one policy', given: ['a = 1'], dialect: 'postgres', want: { sql: '"a" = $1', parameters: [1] } },
      {
        name: 'two policies',
        given: ['a = 1 and b = 2', 'c is null'],
        dialect: 'postgres',
        want: { sql: '("a" = $1 AND "b" = $2 OR "c" IS NULL)', parameters: [1, 2] },
      },
    ];
  it.each(cases)('$name', ({ given, dialect, want }) => {
    const compiled = policiesToKysely(given.map(parsePolicy), ada, dialect).compile(databases[dialect]);
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toEqual(want);
  });
});
