/**
 * Backup and restore throughput on SQLite with local files, against `tar | gzip` of the
 * same directory in the same run, and the server's peak RSS while each runs.
 * Sizes: BENCH_ROWS rows of ~1 kB (default 100,000) and BENCH_OBJECT_MB of objects in 8 MB files (default 256).
 * Run: npm run bench:backup (or tsx --conditions=source bench/backup.ts).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { createApp } from '../packages/server/src/app';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const objectMb = Number(process.env.BENCH_OBJECT_MB ?? 256);
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
const app = await createApp({ dataDir, logLevel: 'silent' });
const s = app.services;

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const mb = (bytes: number) => bytes / 1024 / 1024;

await s.schema.createTable({ name: 'bench', columns: [{ name: 'body', type: 'text' }] } as never);
const filler = 'x'.repeat(1000);
await s.database.db.transaction().execute(async (trx) => {
  for (let i = 0; i < rows; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, rows - i) }, () => ({ body: filler }));
    await trx
      .insertInto('bench' as never)
      .values(batch as never)
      .execute();
  }
});
const bucketId = crypto.randomUUID();
const at = new Date().toISOString();
await s.database.db
  .insertInto('ls_storage_buckets')
  .values({
    id: bucketId,
    name: 'bench',
    policy: 'private',
    file_size_limit: null,
    allowed_mime_types: null,
    quota_bytes: null,
    created_at: at,
    updated_at: at,
  })
  .execute();
const chunk = randomBytes(8 * 1024 * 1024);
for (let i = 0; i < objectMb / 8; i++) {
  const stored = await s.storage.context.backend.put('bench', `f${i}.bin`, Readable.from([chunk]), { maxBytes: 1e10 });
  await s.database.db
    .insertInto('ls_storage_objects')
    .values({
      id: crypto.randomUUID(),
      bucket_id: bucketId,
      path: `f${i}.bin`,
      name: `f${i}.bin`,
      size: stored.size,
      content_type: 'application/octet-stream',
      etag: stored.etag,
      owner_id: null,
      metadata: '{}',
      public: 0,
      allowed_roles: '[]',
      created_at: at,
      updated_at: at,
    })
    .execute();
}
await sql`pragma wal_checkpoint(truncate)`.execute(s.database.db);
const dbBytes = statSync(join(dataDir, 'lockstep.db')).size;
const input = dbBytes + objectMb * 1024 * 1024;
console.log(`data: ${mb(dbBytes).toFixed(0)} MB database (${rows} rows), ${objectMb} MB objects`);

peak = 0;
let started = performance.now();
const { job, done } = await s.backup.create({ compression: 'gzip' });
await done;
const backupSeconds = (performance.now() - started) / 1000;
const backup = await s.backup.store.backups.get(job.backup_id);
console.log(
  `backup: ${backupSeconds.toFixed(1)} s, ${(mb(input) / backupSeconds).toFixed(1)} MB/s, archive ${mb(Number(backup?.size_bytes)).toFixed(0)} MB, peak RSS ${mb(peak).toFixed(0)} MB`,
);

started = performance.now();
execFileSync('sh', [
  '-c',
  `tar -C ${dataDir} -cf - lockstep.db storage | gzip -6 > ${join(tmpdir(), 'lockstep-bench.tar.gz')}`,
]);
const tarSeconds = (performance.now() - started) / 1000;
console.log(
  `tar | gzip: ${tarSeconds.toFixed(1)} s, ${(mb(input) / tarSeconds).toFixed(1)} MB/s (backup takes ${(backupSeconds / tarSeconds).toFixed(2)}× as long)`,
);

const untarDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-untar-'));
started = performance.now();
execFileSync('sh', ['-c', `gzip -dc ${join(tmpdir(), 'lockstep-bench.tar.gz')} | tar -C ${untarDir} -xf -`]);
const untarSeconds = (performance.now() - started) / 1000;
rmSync(untarDir, { recursive: true, force: true });
console.log(`gunzip | tar -x: ${untarSeconds.toFixed(1)} s, ${(mb(input) / untarSeconds).toFixed(1)} MB/s`);

peak = 0;
started = performance.now();
const restoreJob = await s.backup.restore(job.backup_id, false);
while ((await s.backup.store.job(restoreJob.id, 'restore'))?.completed_at === null)
  await new Promise((resolve) => setTimeout(resolve, 100));
const restoreSeconds = (performance.now() - started) / 1000;
const outcome = (await s.backup.store.job(restoreJob.id, 'restore'))?.status;
console.log(
  `restore (${outcome}): ${restoreSeconds.toFixed(1)} s, ${(mb(input) / restoreSeconds).toFixed(1)} MB/s (${(restoreSeconds / untarSeconds).toFixed(2)}× gunzip | tar -x), peak RSS ${mb(peak).toFixed(0)} MB`,
);
clearInterval(sampler);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
rmSync(join(tmpdir(), 'lockstep-bench.tar.gz'), { force: true });
