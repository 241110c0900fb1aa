import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, download, enc, patternBytes, upload } from './storage-fixtures';

const routes = (bucket: string, key: string) => ({
  download: `/storage/buckets/${bucket}/files/${enc(key)}/download`,
  public: `/storage/buckets/${bucket}/public/${enc(key)}`,
  v1: `/storage/v1/buckets/${bucket}/files/${enc(key)}`,
});

contractSuite(
  import.meta.filename,
  'storage: downloads',
  (t) => {
    it('serves the bytes with type, length, entity tag, ranges and disposition on every download path', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const data = patternBytes(1000);
      const stored = await upload(t, bucket, { token: alice.token, path: 'photo.png', data, type: 'image/png' });
      const paths = routes(bucket, 'photo.png');
      for (const [name, path] of Object.entries(paths)) {
        const res = await download(t, path, { token: alice.token });
        expect(res.status).toBe(200);
        expect(Buffer.compare(res.bytes, Buffer.from(data))).toBe(0);
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(res.headers.get('content-length')).toBe('1000');
        expect(res.headers.get('etag')).toBe(stored.body.etag);
        expect(res.headers.get('accept-ranges')).toBe('bytes');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const disposition = name === 'public' ? 'inline' : 'attachment';
        expect(res.headers.get('content-disposition')).toBe(
          `${disposition}; filename="photo.png"; filename*=UTF-8''photo.png`,
        );
      }
    });

    it('answers 206 for one range, 416 past the end, 304 for a known entity tag, 200 for several ranges', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const data = patternBytes(1000, 3);
      const stored = await upload(t, bucket, {
        token: alice.token,
        path: 'data.bin',
        data,
        type: 'application/octet-stream',
      });
      for (const path of Object.values(routes(bucket, 'data.bin'))) {
        const get = (headers: Record<string, string>) => download(t, path, { token: alice.token, headers });
        const first = await get({ range: 'bytes=0-99' });
        expect(first.status).toBe(206);
        expect(first.headers.get('content-range')).toBe('bytes 0-99/1000');
        expect(first.headers.get('content-length')).toBe('100');
        expect(Buffer.compare(first.bytes, Buffer.from(data.subarray(0, 100)))).toBe(0);
        const tail = await get({ range: 'bytes=-10' });
        expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
        expect(Buffer.compare(tail.bytes, Buffer.from(data.subarray(990)))).toBe(0);
        const open = await get({ range: 'bytes=900-' });
        expect(open.bytes.length).toBe(100);
        const past = await get({ range: 'bytes=1000-' });
        expect(past.status).toBe(416);
        expect(past.body.code).toBe('RANGE_NOT_SATISFIABLE');
        expect(past.headers.get('content-range')).toBe('bytes */1000');
        const cached = await get({ 'if-none-match': stored.body.etag });
        expect(cached.status).toBe(304);
        expect(cached.bytes.length).toBe(0);
        expect(cached.headers.get('etag')).toBe(stored.body.etag);
        expect((await get({ 'if-none-match': `W/"other", W/${stored.body.etag}` })).status).toBe(304);
        expect((await get({ 'if-none-match': '"stale"' })).status).toBe(200);
        const multi = await get({ range: 'bytes=0-1,5-6' });
        expect(multi.status).toBe(200);
        expect(multi.bytes.length).toBe(1000);
        expect((await get({ range: 'items=0-1' })).status).toBe(400);
      }
    });

    it('lets anonymous callers read public buckets and public files only (401 otherwise), users what they may (403)', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const open = await createBucket(t, admin, { public: true });
      const members = await createBucket(t, admin, { policy: 'authenticated' });
      const closed = await createBucket(t, admin, { policy: 'private' });
      await upload(t, open, { token: alice.token, path: 'a.txt' });
      await upload(t, members, { token: alice.token, path: 'a.txt' });
      await upload(t, closed, { token: admin.token, path: 'a.txt' });
      await upload(t, closed, { token: admin.token, path: 'shared.txt' });
      await t.call('updateFilePermissions', {
        params: { path: { bucketName: closed, filePath: 'shared.txt' } },
        body: { public: true },
        token: admin.token,
      });
      for (const kind of ['download', 'public', 'v1'] as const) {
        expect((await download(t, routes(open, 'a.txt')[kind])).status).toBe(200);
        expect((await download(t, routes(members, 'a.txt')[kind])).status).toBe(401);
        expect((await download(t, routes(members, 'a.txt')[kind], { token: bob.token })).status).toBe(200);
        const anon = await download(t, routes(closed, 'a.txt')[kind]);
        expect(anon.status).toBe(401);
        expect(anon.body.code).toBe('UNAUTHENTICATED');
        const user = await download(t, routes(closed, 'a.txt')[kind], { token: bob.token });
        expect(user.status).toBe(403);
        expect(user.body.code).toBe('FORBIDDEN');
        expect((await download(t, routes(closed, 'a.txt')[kind], { token: admin.token })).status).toBe(200);
        expect((await download(t, routes(closed, 'shared.txt')[kind])).status).toBe(200);
        expect((await download(t, routes(closed, 'a.txt')[kind], { token: 'not-a-token' })).status).toBe(401);
      }
    });

    it('answers 404 for unknown files and buckets, 400 for invalid keys', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      for (const kind of ['download', 'public', 'v1'] as const) {
        expect((await download(t, routes(bucket, 'missing.txt')[kind])).status).toBe(404);
        expect((await download(t, routes('no-such', 'missing.txt')[kind])).status).toBe(404);
        expect((await download(t, routes(bucket, '../secret')[kind])).status).toBe(400);
        expect((await download(t, routes(bucket, 'a\u0000b')[kind])).status).toBe(400);
      }
    });

    it('streams a file larger than one S3 part intact, and names files with any characters', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      const data = patternBytes(9 * 1024 * 1024 + 123, 5);
      const stored = await upload(t, bucket, { token: admin.token, path: 'big/video.bin', data, type: 'video/mp4' });
      expect(stored.status).toBe(201);
      const md5 = `"${createHash('md5').update(data).digest('hex')}"`;
      expect(stored.body.etag).toBe(md5);
      const got = await download(t, routes(bucket, 'big/video.bin').download);
      expect(got.bytes.length).toBe(data.length);
      expect(`"${createHash('md5').update(got.bytes).digest('hex')}"`).toBe(md5);
      const name = 'résumé "final" 2026.txt';
      await upload(t, bucket, { token: admin.token, path: `docs/${name}` });
      const res = await download(t, routes(bucket, `docs/${name}`).download);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="r_sum_ _final_ 2026.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%202026.txt`,
      );
      const empty = await upload(t, bucket, { token: admin.token, path: 'empty.txt', data: '' });
      expect(empty.body.size).toBe(0);
      const none = await download(t, routes(bucket, 'empty.txt').download);
      expect(none.status).toBe(200);
      expect(none.bytes.length).toBe(0);
      expect((await download(t, routes(bucket, 'empty.txt').download, { headers: { range: 'bytes=0-' } })).status).toBe(
        416,
      );
    });
  },
  { storage: true },
);
