import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { RlsStore } from '../data/policy/store';
import { RowService } from '../data/row-service';
import { TableCache } from '../data/table-cache';
import { createLogger } from '../log';
import { type Database, openDatabase } from './database';
import { type InstanceChanges, instanceChanges } from './instance-changes';
import { dropSchema, testPostgresUrl, testsUsePostgres } from './test-postgres';

const onPostgres = await testsUsePostgres();
const schema = `changes_${process.pid}_${Date.now().toString(36)}`;
const log = createLogger('silent');

/** One instance: its own connection pool, policies and tables kept for a minute, told of changes on the schema. */
async function instance() {
  const dataDir = mkdtempSync(join(tmpdir(), 'changes-'));
  const database = await openDatabase({ dataDir, databaseUrl: testPostgresUrl, pgSchema: schema });
  const rls: RlsStore = new RlsStore(database.db, { keepMs: 60_000, changed: () => changes.changed('rls') });
  const tables = new TableCache(database, 60_000);
  const rows = new RowService(database, rls, { tables, changed: () => changes.changed('tables') });
  const shared = { url: testPostgresUrl, schema };
  const changes: InstanceChanges<'rls' | 'tables'> = await instanceChanges(
    database,
    { rls: () => rls.forget(), tables: () => tables.invalidate() },
    log,
    shared,
  );
  return { database, rls, rows, changes };
}

/** Resolves once `check` answers true (5 s at most), asking every 20 ms. */
async function soon(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe('instanceChanges', () => {
  it('forgets at once on this instance alone when the database is not shared', async () => {
    let forgotten = 0;
    const changes = await instanceChanges({} as Database, { rls: () => forgotten++ }, log);
    await changes.changed('rls');
    expect(forgotten).toBe(1);
    await changes.close();
  });
});

describe.skipIf(!onPostgres)('instanceChanges on PostgreSQL', () => {
  const started: Array<Awaited<ReturnType<typeof instance>>> = [];
  afterAll(async () => {
    for (const { changes, database } of started) {
      await changes.close();
      await database.close();
    }
    await dropSchema(schema);
  });

  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;

  it("a policy made on one instance is read by the other at once, not when its minute's keep runs out", async () => {
    a = await instance();
    b = await instance();
    started.push(a, b);
    const keptOnA = () => a.rls.keptFor('notes', () => a.rls.listFor('notes'));
    expect(await keptOnA()).toEqual([]);
    await b.rls.create('notes', 'own rows', 'select', 'true');
    await soon(async () => (await keptOnA()).length > 0);
    expect((await keptOnA()).map((p) => p.name)).toEqual(['own rows']);
  });

  it('a column added through one instance is known to the other at once', async () => {
    await sql`create table notes (id text primary key)`.execute(a.database.db);
    expect((await a.rows.table('notes')).names.has('title')).toBe(false);
    await sql`alter table notes add column title text`.execute(b.database.db);
    b.rows.invalidate('notes');
    await soon(async () => (await a.rows.table('notes')).names.has('title'));
    expect((await a.rows.table('notes')).names.has('title')).toBe(true);
  });

  it('still forgets here, and resolves, when the others cannot be told', async () => {
    const c = await instance();
    await c.database.close();
    await expect(c.changes.changed('rls')).resolves.toBeUndefined();
    await c.changes.close();
  });
});
