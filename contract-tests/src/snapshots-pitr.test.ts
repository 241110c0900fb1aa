import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { readRows, readySnapshot, seedData, takeBackup } from './backup-fixtures';
import { createTable } from './database-fixtures';
import { type Person, setupAdmin } from './harness/fixtures';
import { contractSuite, type SuiteContext } from './harness/suite';

async function waitForPitr(t: SuiteContext, admin: Person, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await t.call('getPITRJobStatus', { params: { path: { jobId } }, token: admin.token });
    expect(res.status).toBe(200);
    if (res.body.status === 'complete' || res.body.status === 'failed') return res.body;
    await sleep(25);
  }
  throw new Error('point-in-time restore did not end');
}

async function restoreTo(t: SuiteContext, admin: Person, body: Record<string, unknown>) {
  const started = await t.call('restoreToPointInTime', { body, token: admin.token });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ target_time: body.target_time, status: 'pending' });
  return waitForPitr(t, admin, started.body.job_id);
}

/** An instant between two writes: no change shares its millisecond. */
async function instant(): Promise<string> {
  await sleep(15);
  const at = new Date().toISOString();
  await sleep(15);
  return at;
}

/** The change log is held from the snapshot's position. */
async function expectLogKeptFor(t: SuiteContext, snapshotId: string) {
  const services = t.target.app?.services;
  if (!services) throw new Error('the PITR suite runs in process');
  const { db } = services.database;
  const snapshot = await db
    .selectFrom('ls_snapshots')
    .select('log_from')
    .where('id', '=', snapshotId)
    .executeTakeFirst();
  const hold = await db
    .selectFrom('ls_change_log_marks')
    .select('at')
    .where('name', '=', 'hold:pitr')
    .executeTakeFirst();
  expect(snapshot?.log_from).toBeTruthy();
  expect(new Date(hold?.at ?? 0).toISOString()).toBe(snapshot?.log_from);
}

/** The change log has been copied to wal_dir. */
async function expectLogCopied(t: SuiteContext) {
  const dirs = await t.target.app?.services.backup.dirs();
  const names = await readdir(dirs?.wal ?? '');
  expect(names.filter((n) => /^changes-\d+-\d+\.jsonl\.gz$/.test(n)).length).toBeGreaterThan(0);
}

async function rowsOf(t: SuiteContext, admin: Person, tables: string[]) {
  return Promise.all(tables.map((table) => readRows(t, admin, table)));
}

async function write(t: SuiteContext, admin: Person, table: string, step: number) {
  const path = (rowId: string) => ({ path: { tableName: table, rowId } });
  const inserted = await t.call('insertRow', {
    params: { path: { tableName: table } },
    body: { title: `new-${step}`, done: step % 2 === 0, meta: { step }, price: step + 0.25, due: null },
    token: admin.token,
  });
  expect(inserted.status).toBe(201);
  const updated = await t.call('updateRow', {
    params: path(String(step)),
    body: { title: `changed-${step}`, meta: { changed: step } },
    token: admin.token,
  });
  expect(updated.status).toBe(200);
  expect((await t.call('deleteRow', { params: path(String(step + 1)), token: admin.token })).status).toBe(204);
}

contractSuite(
  import.meta.filename,
  'snapshots: point-in-time recovery from the change log',
  (t) => {
    it('restores the tables to an instant, row for row, as a job with progress', async () => {
      const admin = await setupAdmin(t);
      const none = await t.call('getPITRRange', { token: admin.token });
      expect(none.status).toBe(409);
      expect(none.body.code).toBe('UNSUPPORTED_DEPLOYMENT');
      await seedData(t, admin, 'pitr_a');
      await createTable(t, admin, 'pitr_b', [{ name: 'v', type: 'integer' }]);
      const base = await readySnapshot(t, admin, 'pitr-base');
      await expectLogKeptFor(t, base.id);
      for (const v of [1, 2, 3])
        await t.call('insertRow', { params: { path: { tableName: 'pitr_b' } }, body: { v }, token: admin.token });
      await write(t, admin, 'pitr_a', 1);
      const target = await instant();
      const atTarget = await rowsOf(t, admin, ['pitr_a', 'pitr_b']);
      await write(t, admin, 'pitr_a', 3);
      await t.call('deleteRow', { params: { path: { tableName: 'pitr_b', rowId: '1' } }, token: admin.token });
      await t.call('insertRow', { params: { path: { tableName: 'pitr_b' } }, body: { v: 9 }, token: admin.token });
      expect(await rowsOf(t, admin, ['pitr_a', 'pitr_b'])).not.toEqual(atTarget);

      const range = await t.call('getPITRRange', { token: admin.token });
      expect(range.status).toBe(200);
      expect(range.body.oldest_available).toBe(base.timestamp);
      expect(range.body.oldest_available <= target && target <= range.body.latest_available).toBe(true);
      expect(range.body.wal_retention_hours).toBeGreaterThan(0);

      const checked = await restoreTo(t, admin, { target_time: target, validate_only: true });
      expect(checked).toMatchObject({ status: 'complete', target_time: target });
      expect(checked.target_wal_position).toBeGreaterThan(base.wal_position);
      expect(await rowsOf(t, admin, ['pitr_a', 'pitr_b'])).not.toEqual(atTarget);

      const job = await restoreTo(t, admin, { target_time: target });
      expect(job).toMatchObject({ status: 'complete', progress_percent: 100 });
      expect(job.current_wal_position).toBe(job.target_wal_position);
      await expectLogCopied(t);
      expect(await rowsOf(t, admin, ['pitr_a', 'pitr_b'])).toEqual(atTarget);
      // Writes go on from the restored state (identity sequences moved past the replayed ids).
      const next = await t.call('insertRow', {
        params: { path: { tableName: 'pitr_b' } },
        body: { v: 10 },
        token: admin.token,
      });
      expect(next.status).toBe(201);
    });

    it('restores some tables only, and refuses targets outside the window', async () => {
      const admin = await setupAdmin(t);
      await seedData(t, admin, 'pitr_c');
      await createTable(t, admin, 'pitr_d', [{ name: 'v', type: 'integer' }]);
      await readySnapshot(t, admin, 'pitr-some');
      await write(t, admin, 'pitr_c', 1);
      await t.call('insertRow', { params: { path: { tableName: 'pitr_d' } }, body: { v: 1 }, token: admin.token });
      const target = await instant();
      const c = await readRows(t, admin, 'pitr_c');
      await write(t, admin, 'pitr_c', 3);
      await t.call('insertRow', { params: { path: { tableName: 'pitr_d' } }, body: { v: 2 }, token: admin.token });
      const d = await readRows(t, admin, 'pitr_d');

      const early = await t.call('restoreToPointInTime', {
        body: { target_time: '2000-01-01T00:00:00Z' },
        token: admin.token,
      });
      expect(early.status).toBe(400);
      expect(early.body.code).toBe('VALIDATION_FAILED');
      const later = await t.call('restoreToPointInTime', {
        body: { target_time: new Date(Date.now() + 3_600_000).toISOString() },
        token: admin.token,
      });
      expect(later.status).toBe(400);
      const unknown = await t.call('getPITRJobStatus', {
        params: { path: { jobId: '00000000-0000-4000-8000-000000000000' } },
        token: admin.token,
      });
      expect(unknown.status).toBe(404);
      const ghost = await t.call('restoreToPointInTime', {
        body: { target_time: target, collections: ['ghost'] },
        token: admin.token,
      });
      expect(ghost.status).toBe(400);

      expect((await restoreTo(t, admin, { target_time: target, collections: ['pitr_c'] })).status).toBe('complete');
      expect(await readRows(t, admin, 'pitr_c')).toEqual(c);
      expect(await readRows(t, admin, 'pitr_d')).toEqual(d);
      // The restore ends the window: the log no longer continues snapshots taken before it.
      expect((await t.call('getPITRRange', { token: admin.token })).status).toBe(409);
      const fresh = await readySnapshot(t, admin, 'pitr-after');
      const range = await t.call('getPITRRange', { token: admin.token });
      expect(range.body.oldest_available).toBe(fresh.timestamp);
    });

    it('takes a backup made here as the base when it is the latest before the target', async () => {
      const admin = await setupAdmin(t);
      // Only the backup may serve: the snapshots of the tests before go.
      for (const snapshot of (await t.call('listSnapshots', { token: admin.token })).body as { id: string }[])
        await t.call('deleteSnapshot', { params: { path: { snapshotId: snapshot.id } }, token: admin.token });
      await seedData(t, admin, 'pitr_f');
      const backupId = await takeBackup(t, admin);
      const backup = await t.call('getBackup', { params: { path: { backupId } }, token: admin.token });
      const range = await t.call('getPITRRange', { token: admin.token });
      expect(range.status).toBe(200);
      expect(range.body.oldest_available).toBe(backup.body.manifest.timestamp);
      await write(t, admin, 'pitr_f', 1);
      const target = await instant();
      const atTarget = await readRows(t, admin, 'pitr_f');
      await write(t, admin, 'pitr_f', 3);
      expect((await restoreTo(t, admin, { target_time: target })).status).toBe('complete');
      expect(await readRows(t, admin, 'pitr_f')).toEqual(atTarget);
    });

    it('fails the job, changing nothing, when a table changed shape in the window', async () => {
      const admin = await setupAdmin(t);
      await createTable(t, admin, 'pitr_e', [{ name: 'v', type: 'integer' }]);
      await t.call('insertRow', { params: { path: { tableName: 'pitr_e' } }, body: { v: 1 }, token: admin.token });
      await readySnapshot(t, admin, 'pitr-shape');
      const altered = await t.call('executeQuery', {
        body: { query: 'alter table pitr_e add column note text' },
        token: admin.token,
      });
      expect(altered.status).toBe(200);
      await t.call('insertRow', {
        params: { path: { tableName: 'pitr_e' } },
        body: { v: 2, note: 'x' },
        token: admin.token,
      });
      const target = await instant();
      const before = await readRows(t, admin, 'pitr_e');
      const job = await restoreTo(t, admin, { target_time: target });
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/^PITR_SCHEMA_CHANGED: /);
      expect(await readRows(t, admin, 'pitr_e')).toEqual(before);
    });
  },
  { stateless: false, overHttp: false },
);
