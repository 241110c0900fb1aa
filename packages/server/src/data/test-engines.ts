/**
 * Test support: a fresh database on each engine the machine has. SQLite lives in a temporary
 * directory; PostgreSQL (`LOCKSTEP_TEST_DATABASE_URL`, default the local `test` database)
 * in a temporary schema dropped on close. Not exported from the package.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type Engine, openDatabase } from '../db/database';
import { dropSchema, testPostgresUrl, testsUsePostgres } from '../db/test-postgres';

export { testPostgresUrl };

/** The engines to test on: SQLite always, PostgreSQL unless LOCKSTEP_TEST_POSTGRES=off. */
export const testEngines: Engine[] = (await testsUsePostgres()) ? ['sqlite', 'postgres'] : ['sqlite'];

/** A database opened for a test; `close` removes its file or schema. */
export interface TestDatabase extends Database {
  dataDir: string;
  pgSchema?: string;
}

/** Opens a fresh, migrated database on `engine`. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-data-'));
  const pgSchema = engine === 'postgres' ? `data_test_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase({
    dataDir,
    databaseUrl: engine === 'postgres' ? testPostgresUrl : undefined,
    pgSchema,
  });
  return {
    ...database,
    dataDir,
    pgSchema,
    close: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgSchema) await dropSchema(pgSchema);
    },
  };
}
