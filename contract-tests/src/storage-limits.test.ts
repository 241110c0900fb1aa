/**
 * Storage behaviour that needs a server configured for the test: the server-wide quota and
 * upload limit, and an object store that goes away (503). In-process targets only.
 */
import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flushCoverage } from './harness/coverage';
import { setupAdmin } from './harness/fixtures';
import { startStorageTarget, storageBackends } from './harness/storage-target';
import { contextOf, type SuiteContext } from './harness/suite';
import type { Target } from './harness/targets';
import { selectedTargets } from './harness/targets';
import { createBucket, download, patternBytes, upload } from './storage-fixtures';

const serverTargets = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');
const cases = serverTargets.flatMap((target) => storageBackends().map((backend) => [target, backend] as const));

describe.each(cases)('storage limits [%s, %s]', (name, backend) => {
  const started: Target[] = [];
  afterAll(async () => {
    flushCoverage(basename(import.meta.filename).replace(/\.test\.ts$/, ''));
    for (const target of started) await target.stop();
  });

  async function start(overrides: Record<string, unknown>): Promise<SuiteContext> {
    const target = await startStorageTarget(name, backend, overrides);
    started.push(target);
    return contextOf(target, backend);
  }

  it('enforces the server’s quota across buckets and reports it', async () => {
    const t = await start({ storageQuotaBytes: 1000 });
    const admin = await setupAdmin(t);
    const one = await createBucket(t, admin);
    const two = await createBucket(t, admin);
    expect((await upload(t, one, { token: admin.token, path: 'a.bin', data: patternBytes(600) })).status).toBe(201);
    const over = await upload(t, two, { token: admin.token, path: 'b.bin', data: patternBytes(600) });
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('QUOTA_EXCEEDED');
    expect((await upload(t, two, { token: admin.token, path: 'b.bin', data: patternBytes(400) })).status).toBe(201);
    const quota = await t.call('getStorageQuota', { token: admin.token });
    expect(quota.body).toEqual({
      used_bytes: 1000,
      limit_bytes: 1000,
      limit_set: true,
      limit_source: 'server',
      buckets_count: 2,
      files_count: 2,
    });
    const copy = await t.call('copyFile', {
      params: { path: { bucketName: one } },
      body: { from: 'a.bin', to: 'c.bin' },
      token: admin.token,
    });
    expect(copy.status).toBe(413);
  });

  it('applies the server’s upload limit to buckets without their own', async () => {
    const t = await start({ storageUploadLimit: 2000 });
    const admin = await setupAdmin(t);
    const bucket = await createBucket(t, admin);
    const roomy = await createBucket(t, admin, { file_size_limit: 10_000 });
    const over = await upload(t, bucket, { token: admin.token, path: 'a.bin', data: patternBytes(2001) });
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(t, bucket, { token: admin.token, path: 'a.bin', data: patternBytes(2000) })).status).toBe(201);
    // The server's limit caps a bucket's own.
    expect((await upload(t, roomy, { token: admin.token, path: 'b.bin', data: patternBytes(3000) })).status).toBe(413);
  });

  it.runIf(backend === 's3')('answers 503 when the object store goes away, and keeps the metadata', async () => {
    const target = await startStorageTarget(name, backend);
    started.push(target);
    const t = contextOf(target, backend);
    const admin = await setupAdmin(t);
    const bucket = await createBucket(t, admin, { public: true });
    expect((await upload(t, bucket, { token: admin.token, path: 'a.txt' })).status).toBe(201);
    const signed = await t.call('createSignedUrl', {
      params: { path: { bucketName: bucket, filePath: 'a.txt' } },
      body: {},
      token: admin.token,
    });
    await target.stopStore?.();
    const asAdmin = { token: admin.token };
    const unavailable = [
      (await upload(t, bucket, { ...asAdmin, path: 'b.txt' })).status,
      (await upload(t, bucket, { ...asAdmin, v1: true, filename: 'c.txt' })).status,
      (await download(t, `/storage/buckets/${bucket}/files/a.txt/download`)).status,
      (await download(t, `/storage/buckets/${bucket}/public/a.txt`)).status,
      (await download(t, `/storage/v1/buckets/${bucket}/files/a.txt`)).status,
      (await download(t, new URL(signed.body.url).pathname + new URL(signed.body.url).search)).status,
      (
        await t.call('moveFile', {
          params: { path: { bucketName: bucket } },
          body: { from: 'a.txt', to: 'm.txt' },
          ...asAdmin,
        })
      ).status,
      (
        await t.call('copyFile', {
          params: { path: { bucketName: bucket } },
          body: { from: 'a.txt', to: 'c.txt' },
          ...asAdmin,
        })
      ).status,
    ];
    expect(unavailable).toEqual([503, 503, 503, 503, 503, 503, 503, 503]);
    const files = await t.call('listFiles', { params: { path: { bucketName: bucket } }, ...asAdmin });
    expect(files.body.map((f: { path: string }) => f.path)).toEqual(['a.txt']);
  });
});
