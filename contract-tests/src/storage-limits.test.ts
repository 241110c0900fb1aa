/**
 * Storage behaviour that needs a server configured for the test: the server-wide quota and
 * upload limit, and an object store that goes away (503). In-process targets only.
 */
import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { checkedFetch } from './harness/checked-fetch';
import { flushCoverage } from './harness/coverage';
import { setupAdmin } from './harness/fixtures';
import type { Target } from './harness/targets';
import { selectedTargets } from './harness/targets';
import {
  bytesOf,
  download,
  makeBucket,
  type StorageContext,
  startStorageTarget,
  storageBackends,
  upload,
} from './storage-support';

const serverTargets = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');
const cases = serverTargets.flatMap((target) => storageBackends().map((backend) => [target, backend] as const));

describe.each(cases)('storage limits [%s, %s]', (name, backend) => {
  const started: Target[] = [];
  afterAll(async () => {
    flushCoverage(basename(import.meta.filename).replace(/\.test\.ts$/, ''));
    for (const target of started) await target.stop();
  });

  async function start(overrides: Record<string, unknown>): Promise<StorageContext> {
    const target = await startStorageTarget(name, backend, overrides);
    started.push(target);
    return { target, client: api(target), backend, send: checkedFetch(target) };
  }

  it('enforces the server’s quota across buckets and reports it', async () => {
    const t = await start({ storageQuotaBytes: 1000 });
    const admin = await setupAdmin(t.client);
    const one = await makeBucket(t.client, admin);
    const two = await makeBucket(t.client, admin);
    expect((await upload(t, one, { token: admin.token, path: 'a.bin', data: bytesOf(600) })).status).toBe(201);
    const over = await upload(t, two, { token: admin.token, path: 'b.bin', data: bytesOf(600) });
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('QUOTA_EXCEEDED');
    expect((await upload(t, two, { token: admin.token, path: 'b.bin', data: bytesOf(400) })).status).toBe(201);
    const quota = await t.client.get('/storage/quota', { token: admin.token });
    expect(quota.body).toEqual({ used_bytes: 1000, limit_bytes: 1000, buckets_count: 2, files_count: 2 });
    const copy = await t.client.post(
      `/storage/buckets/${one}/files/copy`,
      { from: 'a.bin', to: 'c.bin' },
      {
        token: admin.token,
      },
    );
    expect(copy.status).toBe(413);
  });

  it('applies the server’s upload limit to buckets without their own', async () => {
    const t = await start({ storageUploadLimit: 2000 });
    const admin = await setupAdmin(t.client);
    const bucket = await makeBucket(t.client, admin);
    const roomy = await makeBucket(t.client, admin, { file_size_limit: 10_000 });
    const over = await upload(t, bucket, { token: admin.token, path: 'a.bin', data: bytesOf(2001) });
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(t, bucket, { token: admin.token, path: 'a.bin', data: bytesOf(2000) })).status).toBe(201);
    // The server's limit caps a bucket's own.
    expect((await upload(t, roomy, { token: admin.token, path: 'b.bin', data: bytesOf(3000) })).status).toBe(413);
  });

  it.runIf(backend === 's3')('answers 503 when the object store goes away, and keeps the metadata', async () => {
    const target = await startStorageTarget(name, backend);
    started.push(target);
    const t: StorageContext = { target, client: api(target), backend, send: checkedFetch(target) };
    const admin = await setupAdmin(t.client);
    const bucket = await makeBucket(t.client, admin, { public: true });
    expect((await upload(t, bucket, { token: admin.token, path: 'a.txt' })).status).toBe(201);
    const signed = await t.client.post(`/storage/buckets/${bucket}/files/a.txt/sign`, {}, { token: admin.token });
    await target.stopStore?.();
    const asAdmin = { token: admin.token };
    const unavailable = [
      (await upload(t, bucket, { ...asAdmin, path: 'b.txt' })).status,
      (await upload(t, bucket, { ...asAdmin, v1: true, filename: 'c.txt' })).status,
      (await download(t, `/storage/buckets/${bucket}/files/a.txt/download`)).status,
      (await download(t, `/storage/buckets/${bucket}/public/a.txt`)).status,
      (await download(t, `/storage/v1/buckets/${bucket}/files/a.txt`)).status,
      (await download(t, new URL(signed.body.url).pathname + new URL(signed.body.url).search)).status,
      (await t.client.post(`/storage/buckets/${bucket}/files/move`, { from: 'a.txt', to: 'm.txt' }, asAdmin)).status,
      (await t.client.post(`/storage/buckets/${bucket}/files/copy`, { from: 'a.txt', to: 'c.txt' }, asAdmin)).status,
    ];
    expect(unavailable).toEqual([503, 503, 503, 503, 503, 503, 503, 503]);
    const files = await t.client.get(`/storage/buckets/${bucket}/files`, asAdmin);
    expect(files.body.map((f: { path: string }) => f.path)).toEqual(['a.txt']);
  });
});
