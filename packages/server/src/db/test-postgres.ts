/**
 * The PostgreSQL server that tests and benchmarks use. Tests never skip PostgreSQL
 * silently: when it is unreachable they fail, unless LOCKSTEP_TEST_POSTGRES=off says to
 * run on SQLite only.
 */
import pg from 'pg';

/** The PostgreSQL URL tests use. */
export const testPostgresUrl = process.env.LOCKSTEP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers at `url`. */
export async function postgresReachable(url = testPostgresUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Whether tests run on PostgreSQL; throws when they should but it is unreachable. */
export async function testsUsePostgres(): Promise<boolean> {
  if (process.env.LOCKSTEP_TEST_POSTGRES === 'off') return false;
  if (await postgresReachable()) return true;
  throw new Error(`PostgreSQL is not reachable at ${testPostgresUrl}: start it, or set LOCKSTEP_TEST_POSTGRES=off`);
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string, url = testPostgresUrl): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
