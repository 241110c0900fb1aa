/**
 * What the backup suites share: jobs polled to their end, rows read in key order, a data
 * set of rows and files to back up and change, archives uploaded as the dashboard does, and
 * snapshots waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createTable } from './database-fixtures';
import type { Caller } from './harness/api';
import type { Person } from './harness/fixtures';
import type { SuiteContext } from './harness/suite';
import { createBucket, download, upload } from './storage-fixtures';

/** Polls a backup job until it ends; answers the last job. */
export async function waitForBackup(c: Caller, admin: Person, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await c.call('getBackupStatus', { params: { path: { jobId } }, token: admin.token });
    if (res.status !== 200) throw new Error(`backup job: ${res.status}`);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await sleep(25);
  }
  throw new Error('backup job did not end');
}

/** Polls a restore job until it ends; answers the last job. */
export async function waitForRestore(c: Caller, admin: Person, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await c.call('getRestoreStatus', { params: { path: { jobId } }, token: admin.token });
    if (res.status !== 200) throw new Error(`restore job: ${res.status}`);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await sleep(25);
  }
  throw new Error('restore job did not end');
}

/** Takes a backup and waits for it; answers the backup's id. */
export async function takeBackup(c: Caller, admin: Person): Promise<string> {
  const started = await c.call('createBackup', { body: { compression: 'zstd' }, token: admin.token });
  if (started.status !== 202) throw new Error(`create backup: ${started.status} ${JSON.stringify(started.body)}`);
  const job = await waitForBackup(c, admin, started.body.id);
  if (job.status !== 'completed') throw new Error(`backup failed: ${job.error}`);
  return job.backup_id;
}

/** Restores a backup and waits for the job. */
export async function restore(c: Caller, admin: Person, backupId: string, validateOnly = false) {
  const started = await c.call('restoreBackup', {
    params: { path: { backupId } },
    body: validateOnly ? { validate_only: true } : {},
    token: admin.token,
  });
  if (started.status !== 202) throw new Error(`restore: ${started.status} ${JSON.stringify(started.body)}`);
  return waitForRestore(c, admin, started.body.id);
}

/** The rows of a table in key order. */
export async function readRows(c: Caller, admin: Person, table: string) {
  const res = await c.call('getTableData', {
    params: { path: { tableName: table }, query: { limit: 1000, order_by: 'id' } },
    token: admin.token,
  });
  return res.status === 200 ? res.body.rows : res.status;
}

/** A table with rows of every portable kind and a bucket with two files. */
export async function seedData(t: SuiteContext, admin: Person, table: string) {
  await createTable(t, admin, table, [
    { name: 'title', type: 'text', nullable: false },
    { name: 'done', type: 'boolean' },
    { name: 'meta', type: 'json' },
    { name: 'price', type: 'numeric' },
    { name: 'due', type: 'timestamp' },
  ]);
  for (const [i, title] of ['alpha', 'beta', 'gamma'].entries()) {
    const res = await t.call('insertRow', {
      params: { path: { tableName: table } },
      body: {
        title,
        done: i % 2 === 0,
        meta: { n: i, tags: ['x'] },
        price: 1.5 + i,
        due: `2026-0${i + 1}-02T03:04:05.000Z`,
      },
      token: admin.token,
    });
    if (res.status !== 201) throw new Error(`insert: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const bucket = await createBucket(t, admin, { policy: 'private' });
  await upload(t, bucket, { token: admin.token, path: 'docs/a.txt', data: 'first version' });
  await upload(t, bucket, {
    token: admin.token,
    path: 'b.bin',
    data: new Uint8Array([0, 1, 2, 255]),
    type: 'application/octet-stream',
  });
  return { bucket };
}

/** A file's bytes as text, or its status when it cannot be read. */
export async function fileText(t: SuiteContext, admin: Person, bucket: string, key: string): Promise<string | number> {
  const res = await download(t, `/storage/buckets/${bucket}/files/${encodeURIComponent(key)}/download`, {
    token: admin.token,
  });
  return res.status === 200 ? res.bytes.toString('latin1') : res.status;
}

/** Uploads archive bytes as the dashboard's RestorePage does (multipart, field `backup`). */
export async function uploadArchive(t: SuiteContext, admin: Person, bytes: Uint8Array, field = 'backup') {
  const form = new FormData();
  form.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }), 'backup.tar.gz');
  const response = await t.send(
    new Request(`${t.target.baseUrl}/backup/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
      body: form,
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A backup's archive bytes. */
export async function downloadArchive(t: SuiteContext, admin: Person, backupId: string) {
  return download(t, `/backup/${backupId}/download`, { token: admin.token });
}

/** Takes a snapshot and waits until it is ready. */
export async function readySnapshot(c: Caller, admin: Person, name: string) {
  const created = await c.call('createSnapshot', { body: { name }, token: admin.token });
  if (created.status !== 201) throw new Error(`create snapshot: ${created.status} ${JSON.stringify(created.body)}`);
  for (let i = 0; i < 400; i++) {
    const res = await c.call('getSnapshot', { params: { path: { snapshotId: created.body.id } }, token: admin.token });
    if (res.body.status !== 'creating') return res.body;
    await sleep(25);
  }
  throw new Error('snapshot not ready');
}
