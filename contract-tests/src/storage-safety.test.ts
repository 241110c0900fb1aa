/**
 * Storage safe by construction: no key leaves its bucket on any operation, and a refused or
 * interrupted upload leaves neither bytes nor metadata behind (in-process and over HTTP).
 */
import { request as httpRequest } from 'node:http';
import { listen } from '@lockstep/server';
import { expect, it } from 'vitest';
import { api } from './harness/api';
import { checkedFetch } from './harness/checked-fetch';
import { setupPeople } from './harness/fixtures';
import { contractSuite, type SuiteContext } from './harness/suite';
import { createBucket, download, enc, listStoredObjects, patternBytes, upload } from './storage-fixtures';

/** Keys that try to leave the bucket or alias another key; each must be refused. */
const corpus = [
  '..',
  '../outside.txt',
  '../../etc/passwd',
  'a/../../outside.txt',
  'a/..',
  './a.txt',
  'a/./b.txt',
  '/etc/passwd',
  'C:/Windows/win.ini',
  '..\\outside.txt',
  'a\\b.txt',
  'a\u0000.txt',
  'ok.txt\u0000../../x',
  '%2e%2e%2foutside.txt',
  '..%2foutside.txt',
  '%252e%252e%252foutside.txt',
  'a%00b.txt',
  '\uff0e\uff0e/outside.txt',
  '\uff0e\uff0e\uff0foutside.txt',
  'invoice\u202egnp.exe',
  'line\nbreak.txt',
  'a//b.txt',
  'x'.repeat(1025),
  `a/${'n'.repeat(256)}`,
];

async function snapshot(t: SuiteContext, bucket: string, token: string) {
  const files = await t.call('listFiles', { params: { path: { bucketName: bucket }, query: { limit: 1000 } }, token });
  return { stored: await listStoredObjects(t), files: files.body.map((f: { path: string }) => f.path) };
}

function multipartHead(boundary: string, filename: string): string {
  return `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
}

contractSuite(
  import.meta.filename,
  'storage: safety',
  (t, targetName) => {
    it('refuses every traversal payload on every operation that takes a key, and touches nothing', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      const neighbour = await createBucket(t, admin, { public: true });
      await upload(t, bucket, { token: admin.token, path: 'a.txt', data: 'inside' });
      await upload(t, neighbour, { token: admin.token, path: 'outside.txt', data: 'neighbour' });
      const before = await snapshot(t, bucket, admin.token);
      const asAdmin = { token: admin.token };
      const files = `/storage/buckets/${bucket}/files`;
      for (const key of corpus) {
        const k = enc(key);
        const statuses = [
          (await t.call('getFile', { params: { path: { bucketName: bucket, filePath: key } }, ...asAdmin })).status,
          (await download(t, `${files}/${k}/download`, asAdmin)).status,
          (await download(t, `/storage/buckets/${bucket}/public/${k}`)).status,
          (await download(t, `/storage/v1/buckets/${bucket}/files/${k}`, asAdmin)).status,
          (await download(t, `/storage/v1/object/sign/${bucket}/${k}?token=x`)).status,
          (await t.call('deleteFile', { params: { path: { bucketName: bucket, filePath: key } }, ...asAdmin })).status,
          (await t.call('deleteFileV1', { params: { path: { bucketName: bucket, fileName: key } }, ...asAdmin }))
            .status,
          (
            await t.call('createSignedUrl', {
              params: { path: { bucketName: bucket, filePath: key } },
              body: {},
              ...asAdmin,
            })
          ).status,
          (await t.call('getFilePermissions', { params: { path: { bucketName: bucket, filePath: key } }, ...asAdmin }))
            .status,
          (
            await t.call('updateFilePermissions', {
              params: { path: { bucketName: bucket, filePath: key } },
              body: { public: true },
              ...asAdmin,
            })
          ).status,
          (await t.call('listSignedUrls', { params: { path: { bucketName: bucket, filePath: key } }, ...asAdmin }))
            .status,
          (await t.call('deleteFolder', { params: { path: { bucketName: bucket, folderPath: key } }, ...asAdmin }))
            .status,
          (await upload(t, bucket, { ...asAdmin, path: key, data: 'evil' })).status,
          (
            await t.call('moveFile', {
              params: { path: { bucketName: bucket } },
              body: { from: 'a.txt', to: key },
              ...asAdmin,
            })
          ).status,
          (
            await t.call('copyFile', {
              params: { path: { bucketName: bucket } },
              body: { from: 'a.txt', to: key },
              ...asAdmin,
            })
          ).status,
          (
            await t.call('moveFile', {
              params: { path: { bucketName: bucket } },
              body: { from: key, to: 'b.txt' },
              ...asAdmin,
            })
          ).status,
          (await t.call('bulkDelete', { params: { path: { bucketName: bucket } }, body: { paths: [key] }, ...asAdmin }))
            .status,
          (await t.call('createFolder', { params: { path: { bucketName: bucket } }, body: { path: key }, ...asAdmin }))
            .status,
          (await t.call('listFiles', { params: { path: { bucketName: bucket }, query: { path: key } }, ...asAdmin }))
            .status,
          (
            await t.call('listFolders', {
              params: { path: { bucketName: bucket }, query: { prefix: key } },
              ...asAdmin,
            })
          ).status,
        ];
        // In a path segment: 400 from the key rules, or 404 where the URL parser itself collapsed a
        // bare `..` segment into another path. In a body or a query: always 400.
        statuses.forEach((status, i) => {
          const allowed = i < 12 ? [400, 404] : [400];
          expect(allowed, `${JSON.stringify(key)} #${i} answered ${status}`).toContain(status);
        });
        if (key !== '..')
          expect(
            statuses.every((s) => s === 400),
            JSON.stringify(key),
          ).toBe(true);
      }
      expect(await snapshot(t, bucket, admin.token)).toEqual(before);
      const neighbourFile = await download(t, `/storage/buckets/${neighbour}/files/outside.txt/download`);
      expect(neighbourFile.bytes.toString()).toBe('neighbour');
    });

    it('stores a traversal filename under its base name only', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      const stored = await upload(t, bucket, { token: admin.token, filename: '../../etc/passwd' });
      expect(stored.status).toBe(201);
      expect(stored.body.path).toBe('passwd');
      expect((await upload(t, bucket, { token: admin.token, filename: '..' })).status).toBe(400);
    });

    it('leaves nothing of an upload over the size limit (413), of a refused type (415) or past the quota (413)', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, {
        policy: 'authenticated',
        file_size_limit: 1000,
        allowed_mime_types: ['image/*', 'text/plain'],
        quota_bytes: 1500,
      });
      const before = await snapshot(t, bucket, admin.token);
      const big = await upload(t, bucket, {
        token: admin.token,
        path: 'big.png',
        type: 'image/png',
        data: patternBytes(5000),
      });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const typed = await upload(t, bucket, { token: admin.token, path: 'doc.pdf', type: 'application/pdf' });
      expect(typed.status).toBe(415);
      expect(typed.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const guessed = await upload(t, bucket, {
        token: admin.token,
        path: 'doc.pdf',
        type: 'application/octet-stream',
      });
      expect(guessed.status).toBe(415);
      const v1 = await upload(t, bucket, { token: admin.token, v1: true, filename: 'x.pdf', type: 'application/pdf' });
      expect(v1.status).toBe(415);
      expect(await snapshot(t, bucket, admin.token)).toEqual(before);
      expect(
        (await upload(t, bucket, { token: admin.token, path: 'one.png', type: 'image/png', data: patternBytes(900) }))
          .status,
      ).toBe(201);
      const over = await upload(t, bucket, {
        token: admin.token,
        path: 'two.png',
        type: 'image/png',
        data: patternBytes(900),
      });
      expect(over.status).toBe(413);
      expect(over.body.code).toBe('QUOTA_EXCEEDED');
      const overV1 = await upload(t, bucket, {
        token: admin.token,
        v1: true,
        filename: 'two.png',
        type: 'image/png',
        data: patternBytes(900),
      });
      expect(overV1.status).toBe(413);
      const replace = await upload(t, bucket, {
        token: admin.token,
        path: 'one.png',
        type: 'image/png',
        data: patternBytes(950),
        upsert: true,
      });
      expect(replace.status).toBe(200);
      const after = await snapshot(t, bucket, admin.token);
      expect(after.files).toEqual(['one.png']);
      expect(after.stored.filter((k) => !k.startsWith(`${bucket}/`) && !before.stored.includes(k))).toEqual([]);
      const conflict = await upload(t, bucket, { token: admin.token, path: 'one.png', type: 'image/png', data: 'x' });
      expect(conflict.status).toBe(409);
      expect(await snapshot(t, bucket, admin.token)).toEqual(after);
    });

    it('refuses a body that is not multipart (415) or has no file part (400)', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      for (const prefix of ['/storage/buckets', '/storage/v1/buckets']) {
        const json = await t.raw.post(`${prefix}/${bucket}/files`, { path: 'a.txt' }, { token: admin.token });
        expect(json.status).toBe(415);
        const form = new FormData();
        form.append('path', 'a.txt');
        const noFile = await t.send(
          new Request(`${t.target.baseUrl}${prefix}/${bucket}/files`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin.token}` },
            body: form,
          }),
        );
        expect(noFile.status).toBe(400);
        const broken = await t.send(
          new Request(`${t.target.baseUrl}${prefix}/${bucket}/files`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'multipart/form-data; boundary=xyz' },
            body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno closing boundary',
          }),
        );
        expect(broken.status).toBe(400);
      }
      expect(
        (await t.call('listFiles', { params: { path: { bucketName: bucket } }, token: admin.token })).body,
      ).toEqual([]);
    });

    it('leaves nothing when the request body fails mid-way (in-process)', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { public: true });
      const before = await snapshot(t, bucket, admin.token);
      const boundary = 'lockstep-boundary';
      for (const size of [200_000, 12 * 1024 * 1024]) {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent === 0) controller.enqueue(new TextEncoder().encode(multipartHead(boundary, 'cut.bin')));
            if (sent >= size) {
              controller.error(new Error('client went away'));
              return;
            }
            const chunk = patternBytes(64 * 1024);
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
        const response = await t.send(
          new Request(`${t.target.baseUrl}/storage/buckets/${bucket}/files`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${admin.token}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
            },
            body,
            duplex: 'half',
          } as RequestInit),
        );
        expect(response.status).toBe(400);
      }
      expect(await snapshot(t, bucket, admin.token)).toEqual(before);
    });

    // A hang-up mid-upload needs the server in this process (to serve it on a socket and read its
    // storage medium); a remote `url` target shows neither, so the test is skipped there, visibly.
    it.skipIf(targetName === 'url')(
      'leaves nothing when the client hangs up mid-upload over HTTP, and stores the next upload whole (in-process targets only)',
      async () => {
        const app = t.target.app;
        if (!app) throw new Error('an in-process target has an app');
        const { admin } = await setupPeople(t);
        const bucket = await createBucket(t, admin, { public: true });
        const before = await snapshot(t, bucket, admin.token);
        // The suite's target closes the app; the HTTP server here must not.
        const server = await listen({ ...app, close: async () => {} }, 0, '127.0.0.1', false);
        try {
          const url = new URL(`${server.url}/storage/buckets/${bucket}/files`);
          const boundary = 'hangup-boundary';
          await new Promise<void>((resolve) => {
            const req = httpRequest(url, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${admin.token}`,
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': String(50 * 1024 * 1024),
              },
            });
            req.on('error', () => resolve());
            req.on('close', () => resolve());
            req.write(multipartHead(boundary, 'hangup.bin'));
            let written = 0;
            const pump = () => {
              while (written < 10 * 1024 * 1024) {
                written += 256 * 1024;
                if (!req.write(patternBytes(256 * 1024))) {
                  req.once('drain', pump);
                  return;
                }
              }
              setTimeout(() => req.destroy(), 50);
            };
            pump();
          });
          let after = await snapshot(t, bucket, admin.token);
          for (let i = 0; i < 50 && JSON.stringify(after) !== JSON.stringify(before); i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            after = await snapshot(t, bucket, admin.token);
          }
          expect(after).toEqual(before);
          const viaHttp = api({ ...t.target, baseUrl: server.url, fetch: (request) => fetch(request) });
          const ok = await viaHttp.get(`/storage/buckets/${bucket}/files`, { token: admin.token });
          expect(ok.body).toEqual([]);
          const again = await upload(
            {
              ...t,
              send: checkedFetch({ ...t.target, fetch: (r) => fetch(r) }),
              target: { ...t.target, baseUrl: server.url },
            },
            bucket,
            {
              token: admin.token,
              path: 'whole.bin',
              data: patternBytes(3 * 1024 * 1024),
            },
          );
          expect(again.status).toBe(201);
          expect(again.body.size).toBe(3 * 1024 * 1024);
        } finally {
          await server.stop();
        }
      },
    );
  },
  { storage: true },
);
