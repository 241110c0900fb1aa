import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ownSchemaIntrospection } from './own-schema-introspection';
import { dropSchema, testPostgresUrl, testsUsePostgres } from './test-postgres';

const onPostgres = await testsUsePostgres();
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const own = `introspect_own_${suffix}`;
const other = `introspect_other_${suffix}`;

describe.skipIf(!onPostgres)('ownSchemaIntrospection', () => {
  const pool = new pg.Pool({ connectionString: testPostgresUrl, max: 2, options: `-c search_path=${own}` });
  const db = new Kysely<any>({ dialect: ownSchemaIntrospection(new PostgresDialect({ pool })) });
  afterAll(async () => {
    await db.destroy();
    await dropSchema(own);
    await dropSchema(other);
  });

  it("sees the server's own schema and its tables, never another schema's", async () => {
    await sql`create schema ${sql.id(own)}`.execute(db);
    await sql`create schema ${sql.id(other)}`.execute(db);
    await sql`create table ${sql.id(own, 'notes')} (id int)`.execute(db);
    await sql`create view ${sql.id(own, 'recent')} as select 1 as one`.execute(db);
    await sql`create table ${sql.id(other, 'ls_migrations')} (name text)`.execute(db);
    expect(await db.introspection.getSchemas()).toEqual([{ name: own }]);
    expect(await db.introspection.getTables()).toEqual([
      { name: 'notes', schema: own, isView: false, columns: [] },
      { name: 'recent', schema: own, isView: true, columns: [] },
    ]);
  });

  it("lets Kysely's Migrator make its tables in the own schema while another schema has them", async () => {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ '0001': { up: async () => {} } }) },
      migrationTableName: 'ls_migrations',
      migrationTableSchema: own,
    });
    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.status)).toEqual(['Success']);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['ls_migrations', 'kysely_migration_lock']));
  });
});
