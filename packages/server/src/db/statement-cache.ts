/**
 * better-sqlite3 with its prepared statements kept: Kysely's SQLite driver prepares every
 * query it runs, and preparing costs more than running a lookup by key. The same SQL text
 * gets the same statement back (SQLite re-prepares it by itself after a schema change);
 * a statement still busy (iterated by a stream) is never shared, a fresh one is prepared.
 * Bounded: past `capacity` distinct texts the cache starts over.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(database: SQLite.Database, capacity = 1000): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = database.prepare(sql);
      if (!cached) {
        if (statements.size >= capacity) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
