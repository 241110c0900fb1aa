/**
 * Reads on SQLite without the query builder's queue. better-sqlite3 runs a statement
 * synchronously on the server's one connection, so a read made while no transaction holds that
 * connection can run at once. Through Kysely (connection provider, connection mutex, driver,
 * the timing wrapper: a promise and a closure each) a lookup by key allocated ~5 KB more and
 * waited several microtask turns for nothing. While a transaction is open (`inTransaction`),
 * the read takes Kysely's path and queues behind it, so it never sees rows another request
 * has not committed. Timed like every other statement (`QueryTap`).
 */
import type SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely, SqliteDatabase } from 'kysely';
import { type QueryListener, type QueryTap, reportQuery } from './timed-dialect';

/** Runs a statement that only reads and returns its rows. */
export type ReadQuery = <R>(query: CompiledQuery) => Promise<R[]>;

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
  return async <R>(query: CompiledQuery) => {
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
  if (!listener) return statement.all(query.parameters) as R[];
  const started = performance.now();
  let rows: R[] | undefined;
  try {
    rows = statement.all(query.parameters) as R[];
    return rows;
  } finally {
    reportQuery(listener, query, started, rows?.length ?? 0, rows === undefined);
  }
}
