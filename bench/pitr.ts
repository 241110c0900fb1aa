/**
 * Point-in-time recovery's replay rate (changes per second) on each engine: a base snapshot
 * of BENCH_PITR_ROWS rows (default 1,000), then BENCH_PITR_CHANGES single-row writes
 * (default 20,000: half inserts, three in ten updates, two in ten deletes), then a restore to
 * the instant after them. The baseline, measured in the same run, is the rate at which the
 * same writes were made one statement at a time through the capture triggers. The job's time
 * includes checking the base archive and the log, restoring the base, and the replay.
 * PostgreSQL runs when it answers at LOCKSTEP_TEST_DATABASE_URL (default the local `test`).
 * Run: npm run bench:pitr (or tsx --conditions=source bench/pitr.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createApp } from '../packages/server/src/app';
import { dropSchema, postgresReachable, testPostgresUrl } from '../packages/server/src/db/test-postgres';

const baseRows = Number(process.env.BENCH_PITR_ROWS ?? 1000);
const changes = Number(process.env.BENCH_PITR_CHANGES ?? 20_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeChanges(db: Kysely<any>, firstId: number): Promise<number> {
  const live: number[] = Array.from({ length: baseRows }, (_, i) => firstId + i);
  let next = firstId + baseRows;
  for (let i = 0; i < changes; i++) {
    const pick = i % 10;
    if (pick < 5 || live.length === 0) {
      await db
        .insertInto('bench')
        .values({ id: next, n: i, body: `row ${i}` })
        .execute();
      live.push(next++);
    } else if (pick < 8) {
      const id = live[(i * 7919) % live.length];
      await db
        .updateTable('bench')
        .set({ n: i, body: `changed ${i}` })
        .where('id', '=', id)
        .execute();
    } else {
      const id = live.splice((i * 104729) % live.length, 1)[0];
      await db.deleteFrom('bench').where('id', '=', id).execute();
    }
  }
  return live.length;
}

async function run(engine: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-pitr-'));
  const pgSchema = engine === 'postgres' ? `bench_pitr_${randomBytes(4).toString('hex')}` : undefined;
  const app = await createApp({
    dataDir,
    logLevel: 'silent',
    databaseUrl: engine === 'postgres' ? testPostgresUrl : undefined,
    pgSchema,
  });
  const s = app.services;
  const db = s.database.db as unknown as Kysely<any>;
  try {
    await s.schema.createTable({
      name: 'bench',
      columns: [
        { name: 'id', type: 'integer', primary_key: true },
        { name: 'n', type: 'integer' },
        { name: 'body', type: 'text' },
      ],
    } as never);
    for (let i = 0; i < baseRows; i += 500)
      await db
        .insertInto('bench')
        .values(Array.from({ length: Math.min(500, baseRows - i) }, (_, k) => ({ id: i + k + 1, n: 0, body: 'base' })))
        .execute();
    const snapshot = await s.snapshots.create('bench-base');
    while ((await s.snapshots.store.get(snapshot.id))?.status === 'creating') await sleep(20);
    await sleep(20);

    let started = performance.now();
    const rows = await writeChanges(db, 1);
    const writeSeconds = (performance.now() - started) / 1000;
    await sleep(20);
    const target = new Date().toISOString();
    await sleep(20);
    await db.deleteFrom('bench').execute();

    started = performance.now();
    const job = await s.snapshots.pitr.start(target, undefined, false);
    await s.snapshots.pitr.settled();
    const jobSeconds = (performance.now() - started) / 1000;
    const { row, detail } = await s.snapshots.pitr.job(job.id);
    const restored = Number((await db.selectFrom('bench').select(db.fn.countAll().as('n')).executeTakeFirst())?.n);
    const replayed = detail.replayed_changes ?? 0;
    if (row.status !== 'complete' || restored !== rows)
      throw new Error(`${engine}: job ${row.status} (${row.error}), ${restored} rows, want ${rows}`);
    const writeRate = changes / writeSeconds;
    const replayRate = replayed / jobSeconds;
    console.log(
      `${engine}: ${replayed} changes replayed onto ${baseRows} base rows in ${jobSeconds.toFixed(2)} s = ${replayRate.toFixed(0)} changes/s; ` +
        `written at ${writeRate.toFixed(0)} changes/s; replay/write ratio ${(replayRate / writeRate).toFixed(2)}`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (pgSchema) await dropSchema(pgSchema);
  }
}

await run('sqlite');
if (await postgresReachable()) await run('postgres');
else console.log('postgres: not reachable, skipped');
