import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseCapture, syncCapture } from './change-capture';
import { changeLogMark, changesAfter, lastChangeId, pruneChanges, setChangeLogMark } from './change-log';
import { SqlRunner } from './sql-runner';
import { openTestDatabase, type TestDatabase, testEngines, testPostgresUrl } from './test-engines';

describe.each(testEngines)('change capture on %s', (engine) => {
  let database: TestDatabase;
  let runner: SqlRunner;
  const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');
  const db = () => database.db as never;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    runner = new SqlRunner(database, {
      databaseUrl: engine === 'postgres' ? testPostgresUrl : undefined,
      pgSchema: database.pgSchema,
    });
  });

  afterAll(async () => {
    await runner?.close();
    await database?.close();
  });

  it('captures inserts, updates and deletes made by raw SQL on a table raw SQL created', async () => {
    const before = await lastChangeId(database);
    await runner.execute('create table notes (id integer primary key, body text, done boolean)');
    await runner.execute(`insert into notes (id, body, done) values (${p(1)}, ${p(2)}, ${p(3)})`, [1, 'a', false]);
    await runner.execute(`update notes set body = ${p(1)} where id = 1`, ['b']);
    await runner.execute('delete from notes where id = 1');
    const changes = await changesAfter(database, before);
    expect(changes.map((c) => [c.table, c.kind])).toEqual([
      ['notes', 'INSERT'],
      ['notes', 'UPDATE'],
      ['notes', 'DELETE'],
    ]);
    expect(changes[0]).toMatchObject({ newRow: { id: 1, body: 'a' }, oldRow: null });
    expect(changes[1]).toMatchObject({ newRow: { body: 'b' }, oldRow: { body: 'a' } });
    expect(changes[2]).toMatchObject({ newRow: null, oldRow: { id: 1, body: 'b' } });
    expect(changes[1].id).toBeGreaterThan(changes[0].id);
    expect(Number.isNaN(Date.parse(changes[0].committedAt))).toBe(false);
  });

  it('follows added and dropped columns, and lets raw SQL drop a column', async () => {
    await runner.execute('alter table notes add column tag text');
    let before = await lastChangeId(database);
    await runner.execute(`insert into notes (id, body, tag) values (2, 'x', 'red')`);
    expect((await changesAfter(database, before))[0].newRow).toMatchObject({ id: 2, tag: 'red' });
    await runner.execute('alter table notes drop column tag');
    before = await lastChangeId(database);
    await runner.execute(`update notes set body = 'y' where id = 2`);
    const [change] = await changesAfter(database, before);
    expect(change.newRow).not.toHaveProperty('tag');
    expect(change.newRow).toMatchObject({ body: 'y' });
  });

  it('captures writes on tables made outside the server once synced, and keeps blobs writable', async () => {
    await sql`create table outside (id integer primary key, data ${sql.raw(engine === 'postgres' ? 'bytea' : 'blob')})`.execute(
      db(),
    );
    await syncCapture(db(), engine);
    const before = await lastChangeId(database);
    await sql`insert into outside (id, data) values (1, ${Buffer.from('hi')})`.execute(db());
    const [change] = await changesAfter(database, before);
    expect(change).toMatchObject({ table: 'outside', kind: 'INSERT' });
    expect(change.newRow?.data).toBeDefined();
  });

  it('lets a transaction (a migration) drop a column between release and sync, still capturing after', async () => {
    await runner.execute('create table mig (id integer primary key, a text, b text)');
    await database.db.transaction().execute(async (trx) => {
      await releaseCapture(trx as never, engine);
      await sql`alter table mig drop column b`.execute(trx);
      await syncCapture(trx as never, engine);
    });
    const before = await lastChangeId(database);
    await sql`insert into mig (id, a) values (1, 'x')`.execute(db());
    const [change] = await changesAfter(database, before);
    expect(change.newRow).toEqual({ id: 1, a: 'x' });
  });

  it('prunes entries older than a time, and only those', async () => {
    const before = await lastChangeId(database);
    await runner.execute(`insert into notes (id, body) values (50, 'old')`);
    expect(await pruneChanges(database, '2000-01-01T00:00:00.000Z')).toBe(0);
    expect((await changesAfter(database, before)).length).toBe(1);
    expect(await pruneChanges(database, new Date(Date.now() + 60_000).toISOString())).toBeGreaterThan(0);
    expect(await changesAfter(database, 0)).toEqual([]);
  });

  it('never prunes past a hold, and records how far it pruned', async () => {
    await setChangeLogMark(database, 'pruned', undefined);
    await runner.execute(`insert into notes (id, body) values (59, 'pruned')`);
    await new Promise((r) => setTimeout(r, 5));
    await runner.execute(`insert into notes (id, body) values (60, 'kept')`);
    const [kept] = await changesAfter(database, (await lastChangeId(database)) - 1);
    await setChangeLogMark(database, 'hold:test', kept.committedAt);
    const later = new Date(Date.now() + 60_000).toISOString();
    await pruneChanges(database, later);
    expect((await changesAfter(database, 0)).map((c) => c.id)).toEqual([kept.id]);
    expect(await changeLogMark(database, 'pruned')).toBe(kept.committedAt);
    await setChangeLogMark(database, 'hold:test', undefined);
    expect(await pruneChanges(database, later)).toBe(1);
    expect(await changeLogMark(database, 'pruned')).toBe(later);
  });

  it('does not capture the server own tables', async () => {
    const before = await lastChangeId(database);
    await database.db.insertInto('ls_settings').values({ key: 'capture-test', value: 'x' }).execute();
    expect(await changesAfter(database, before)).toEqual([]);
  });
});
