import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../data/change-log';
import { openTestDatabase, type TestDatabase, testEngines } from '../../data/test-engines';
import { ReplayError, Replayer } from './replay';

function change(id: number, table: string, kind: ChangeRecord['kind'], newRow: object | null, oldRow: object | null) {
  return { id, table, kind, newRow, oldRow, committedAt: '2026-01-01T00:00:00.000Z' } as ChangeRecord;
}

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof ReplayError ? error.code : String(error);
  }
}

describe.each(testEngines)('replaying logged changes on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await sql`create table items (id integer primary key, title text, done boolean)`.execute(database.db);
    await sql`create table loose (v integer)`.execute(database.db);
  });

  afterAll(async () => {
    await database?.close();
  });

  const rows = async (table: string) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(database.db)).rows;

  it('applies inserts, updates and deletes by primary key', async () => {
    const replayer = new Replayer(database);
    await replayer.apply(change(1, 'items', 'INSERT', { id: 1, title: 'a', done: false }, null));
    await replayer.apply(change(2, 'items', 'INSERT', { id: 2, title: 'b', done: true }, null));
    await replayer.apply(
      change(3, 'items', 'UPDATE', { id: 1, title: 'a2', done: true }, { id: 1, title: 'a', done: false }),
    );
    await replayer.apply(change(4, 'items', 'DELETE', null, { id: 2, title: 'b', done: true }));
    expect((await rows('items')).map((r) => [Number(r.id), r.title, Boolean(r.done)])).toEqual([[1, 'a2', true]]);
  });

  it('refuses what it cannot replay faithfully', async () => {
    const replayer = new Replayer(database);
    const missing = change(5, 'items', 'UPDATE', { id: 9, title: 'x', done: null }, { id: 9, title: 'w', done: null });
    expect(await codeOf(replayer.apply(missing))).toBe('PITR_LOG_DIVERGED');
    const wider = change(6, 'items', 'INSERT', { id: 3, title: 'c', done: null, note: 'n' }, null);
    expect(await codeOf(replayer.apply(wider))).toBe('PITR_SCHEMA_CHANGED');
    await replayer.apply(change(7, 'loose', 'INSERT', { v: 1 }, null));
    expect(await codeOf(replayer.apply(change(8, 'loose', 'DELETE', null, { v: 1 })))).toBe('PITR_NO_PRIMARY_KEY');
    expect(await codeOf(replayer.apply(change(9, 'ghost', 'INSERT', { v: 1 }, null)))).toBe('PITR_TABLE_NOT_IN_BASE');
  });
});
