import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RlsStore } from '../data/policy/store';
import { createLogger } from '../log';
import { type Database, openDatabase } from './database';
import { type InstanceChanges, instanceChanges } from './instance-changes';
import { dropSchema, testPostgresUrl, testsUsePostgres } from './test-postgres';

const onPostgres = await testsUsePostgres();
const schema = `changes_${process.pid}_${Date.now().toString(36)}`;
const log = createLogger('silent');

/** One instance: its own connection pool, its policies kept for a minute, told of changes on the schema. */
async function instance(): Promise<{ database: Database; rls: RlsStore; changes: InstanceChanges<'rls'> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'changes-'));
  const database = await openDatabase({ dataDir, databaseUrl: testPostgresUrl, pgSchema: schema });
  const rls: RlsStore = new RlsStore(database.db, { keepMs: 60_000, changed: () => changes.changed('rls') });
  const changes = await instanceChanges(database, { rls: () => rls.forget() }, log, { url: testPostgresUrl, schema });
  return { database, rls, changes };
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

  it("a policy made on one instance is read by the other at once, not when its minute's keep runs out", async () => {
    const a = await instance();
    const b = await instance();
    started.push(a, b);
    const keptOnA = () => a.rls.keptFor('notes', () => a.rls.listFor('notes'));
    expect(await keptOnA()).toEqual([]);
    await b.rls.create('notes', 'own rows', 'select', 'true');
    const deadline = Date.now() + 5000;
    while ((await keptOnA()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await keptOnA()).map((p) => p.name)).toEqual(['own rows']);
  });
});
