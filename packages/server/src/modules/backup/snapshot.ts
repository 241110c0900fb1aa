/**
 * A consistent, read-only view of the live database for the length of a dump, without
 * stopping writers: on SQLite a copy made with `VACUUM INTO` (one atomic read of the file)
 * and opened on its own; on PostgreSQL one REPEATABLE READ, READ ONLY transaction, confined
 * to the server's schema by its search path.
 */
import { rm } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { type Database, databaseIn } from '../../db/database';
import { builderRead } from '../../db/sqlite-read';
import type { Tables } from '../../db/tables';
import { QueryTap } from '../../db/timed-dialect';

/** Runs `read` on a consistent view of `database`; `scratch` is a file path the SQLite copy may use. */
export async function withConsistentView<T>(
  database: Database,
  scratch: string,
  read: (view: Database) => Promise<T>,
): Promise<T> {
  if (database.engine === 'postgres') {
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => read(databaseIn(database, trx)));
  }
  await rm(scratch, { force: true });
  await sql`vacuum into ${scratch}`.execute(database.db);
  const file = new SQLite(scratch, { readonly: true });
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) });
  const view: Database = {
    db,
    engine: 'sqlite',
    // A scratch copy read once by the backup: its statements are not the server's to time.
    queryTap: new QueryTap(),
    read: builderRead(db),
    ping: async () => undefined,
    close: () => db.destroy(),
  };
  try {
    return await read(view);
  } finally {
    await db.destroy();
    await rm(scratch, { force: true });
  }
}
