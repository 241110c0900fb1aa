import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesByIds, lastChangeId } from '../../data/change-log';
import { SqlRunner } from '../../data/sql-runner';
import { openTestDatabase, type TestDatabase, testEngines, testPostgresUrl } from '../../data/test-engines';
import { logFrom, viewSnapshot } from '../backup/log-position';
import { withConsistentView } from '../backup/snapshot';
import { type LogBase, replayIds } from './pitr-log';
import { exportSegment, listSegments, pruneSegments } from './wal-segments';

describe.each(testEngines)('the point-in-time log on %s', (engine) => {
  let database: TestDatabase;
  let runner: SqlRunner;
  let wal: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    runner = new SqlRunner(database, {
      databaseUrl: engine === 'postgres' ? testPostgresUrl : undefined,
      pgSchema: database.pgSchema,
    });
    wal = mkdtempSync(join(tmpdir(), 'lockstep-wal-'));
    await runner.execute('create table notes (id integer primary key, body text)');
    await runner.execute(`insert into notes (id, body) values (1, 'before')`);
  });

  afterAll(async () => {
    await runner?.close();
    await database?.close();
    rmSync(wal, { recursive: true, force: true });
  });

  /** On PostgreSQL, a transaction that wrote before the view and commits after it. */
  async function inFlight(): Promise<pg.Client | undefined> {
    if (engine !== 'postgres') return undefined;
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    await client.query(`set search_path to ${database.pgSchema}`);
    await client.query('begin');
    await client.query(`insert into notes (id, body) values (2, 'in flight')`);
    return client;
  }

  it('replays what the view missed up to the target, a transaction committed across the view included', async () => {
    const open = await inFlight();
    const from = await logFrom(database);
    const base: LogBase = await withConsistentView(database, join(wal, 'view.sqlite'), async (view) => ({
      afterId: await lastChangeId(view),
      from,
      pgSnapshot: (await viewSnapshot(view)) ?? null,
    }));
    await open?.query('commit');
    await open?.end();
    await runner.execute(`update notes set body = 'after' where id = 1`);
    await sleep(10);
    const target = new Date().toISOString();
    await sleep(10);
    await runner.execute(`delete from notes where id = 1`);
    const scope = { base, target, tables: ['notes'] };
    const page = await changesByIds(database, await replayIds(database, scope));
    const want = [...(engine === 'postgres' ? [['INSERT', 'in flight']] : []), ['UPDATE', 'after']];
    expect(page.map((c) => [c.kind, c.newRow?.body])).toEqual(want);
    expect(await replayIds(database, { ...scope, tables: ['other'] })).toEqual([]);
  });

  it('copies the log to wal_dir in segments, and drops those the log no longer holds', async () => {
    // On PostgreSQL a change is copied once no open transaction can still log a lower id.
    const settle = () => sleep(engine === 'postgres' ? 150 : 0);
    await settle();
    const first = await exportSegment(database, wal);
    expect(first?.firstId).toBeGreaterThan(0);
    expect(await exportSegment(database, wal)).toBeUndefined();
    await runner.execute(`insert into notes (id, body) values (3, 'next')`);
    if (engine === 'postgres') expect(await exportSegment(database, wal)).toBeUndefined();
    await settle();
    const second = await exportSegment(database, wal);
    expect(second?.firstId).toBe((first?.lastId ?? 0) + 1);
    const lines = gunzipSync(readFileSync(join(wal, second?.name ?? '')))
      .toString()
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ table: 'notes', kind: 'INSERT' })]);
    await sql`delete from ls_changes where id <= ${first?.lastId ?? 0}`.execute(database.db);
    await pruneSegments(database, wal);
    expect((await listSegments(wal)).map((s) => s.name)).toEqual([second?.name]);
  });
});
