/** Compiles a policy through `to-sql.ts` without a database, for tests' `want` columns. Test-only; not exported from the index. */
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
import type { PolicyCaller, PolicyNode, SqlDialect } from './ast';
import { policiesToSql } from './to-sql';

type AnyDb = Record<string, any>;

/** A Kysely with no connection: it only compiles queries, as `dialect` would run them. */
function compilerOf(dialect: SqlDialect): Kysely<AnyDb> {
  const postgres = dialect === 'postgres';
  return new Kysely<AnyDb>({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
      createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
}

/** A Kysely per dialect with no connection: it only compiles queries. */
export const compilers: Record<SqlDialect, Kysely<AnyDb>> = {
  sqlite: compilerOf('sqlite'),
  postgres: compilerOf('postgres'),
};

/** A compiled predicate: its SQL text (`?` on SQLite, `$n` on PostgreSQL) and the values bound, in order. */
export interface CompiledPredicate {
  sql: string;
  parameters: readonly unknown[];
}

/** The SQL the server would send for `asts` OR-ed (one policy: just it), rendered for `dialect`. */
export function compilePolicies(
  asts: readonly PolicyNode[],
  caller: PolicyCaller,
  dialect: SqlDialect,
): CompiledPredicate {
  const compiled = policiesToSql(asts, caller, dialect);
  return { sql: compiled.render(dialect), parameters: compiled.values };
}

/** `?` placeholders numbered `$1, $2, ...` as PostgreSQL writes them (the compiled text holds `?` only as placeholders). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replaceAll('?', () => `$${++n}`);
}
