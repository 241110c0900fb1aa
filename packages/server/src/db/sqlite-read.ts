/**
 * Reads on SQLite without the query builder's queue. better-sqlite3 runs a statement
 * synchronously on the server's one connection, so a read made while no transaction holds that
 * connection can run at once. Through Kysely (connection provider, connection mutex, driver,
 * the timing wrapper: a promise and a closure each) a lookup by key allocated ~5 KB more and
 * waited several microtask turns for nothing; such a read answers its rows at once, not a
 * promise of them. While a transaction is open (`inTransaction`), the read takes Kysely's path
 * and queues behind it, so it never sees rows another request has not committed. Timed like
 * every other statement (`QueryTap`).
 */
import type SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely, SqliteDatabase } from 'kysely';
import type { Awaitable } from '../awaitable';
import { type QueryListener, type QueryTap, reportQuery } from './timed-dialect';

/** Runs a statement that only reads and answers its rows (at once when it could run at once). */
export type ReadQuery = <R>(query: CompiledQuery) => Awaitable<R[]>;

/** Reads through the query builder, as every other statement runs (PostgreSQL, and SQLite's fallback). */
export function builderRead(db: Kysely<any>): ReadQuery {
  return async <R>(query: CompiledQuery) => (await db.executeQuery<R>(query)).rows;
}

/**
 * Reads on `connection` at once while it is outside a transaction; otherwise through `db`.
 * `statements` is the connection's statement cache (`statement-cache.ts`).
 */
export function sqliteRead(
  connection: SQLite.Database,
  statements: SqliteDatabase,
  db: Kysely<any>,
  tap: QueryTap,
): ReadQuery {
  const queued = builderRead(db);
  return <R>(query: CompiledQuery) => {
    if (connection.inTransaction) return queued<R>(query);
    const statement = preparedOrUndefined(statements, query.sql);
    // A statement that writes, or SQL that does not prepare (the builder fails it again, timed), takes the builder's path.
    if (!statement?.reader) return queued<R>(query);
    return timedAll<R>(statement, query, tap.listener);
  };
}

function preparedOrUndefined(statements: SqliteDatabase, text: string): SQLite.Statement | undefined {
  try {
    return statements.prepare(text) as unknown as SQLite.Statement;
  } catch {
    return undefined;
  }
}

function timedAll<R>(statement: SQLite.Statement, query: CompiledQuery, listener: QueryListener | undefined): R[] {
  if (!listener) return allRows<R>(statement, query);
  const started = performance.now();
  let rows: R[] | undefined;
  try {
    rows = allRows<R>(statement, query);
    return rows;
  } finally {
    reportQuery(listener, query, started, rows?.length ?? 0, rows === undefined);
  }
}

/**
 * The result columns of statements whose names the SQL text fixes; `null` for one that expands
 * a `*` (its columns can change under the same text after a schema change, so it is read as objects).
 */
const columnsOf = new WeakMap<SQLite.Statement, string[] | null>();

function fixedColumns(statement: SQLite.Statement, sql: string): string[] | null {
  let names = columnsOf.get(statement);
  if (names === undefined) {
    names = sql.replace(/count\(\*\)/gi, '').includes('*') ? null : statement.columns().map((c) => c.name);
    columnsOf.set(statement, names);
  }
  return names;
}

/**
 * The rows as objects. better-sqlite3 builds each row through V8's C++ API, a property at a
 * time, looking every column name up again; read as arrays and built here, a page of 50 rows
 * takes ~36 µs instead of ~48 (one row: no difference).
 */
function allRows<R>(statement: SQLite.Statement, query: CompiledQuery): R[] {
  const names = fixedColumns(statement, query.sql);
  if (!names) return statement.all(query.parameters) as R[];
  statement.raw(true);
  let arrays: unknown[][];
  try {
    arrays = statement.all(query.parameters) as unknown[][];
  } finally {
    statement.raw(false);
  }
  return arrays.map((values) => rowOf(names, values) as R);
}

function rowOf(names: string[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    // A column called `__proto__` (raw SQL can name one) stays a column: assigning would set the prototype.
    if (names[i] === '__proto__')
      Object.defineProperty(row, '__proto__', {
        value: values[i],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else row[names[i]] = values[i];
  }
  return row;
}
