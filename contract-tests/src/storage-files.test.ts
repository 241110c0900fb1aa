import { expect, it } from 'vitest';
import { createApiKey, setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, download, enc, listStoredObjects, upload } from './storage-fixtures';

contractSuite(
  import.meta.filename,
  'storage: files',
  (t) => {
    it('uploads as the dashboard does (file, then path) and as the file browser does (file only)', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const stored = await upload(t, bucket, { token: alice.token, path: 'users/42/avatar.png', type: 'image/png' });
      expect(stored.status).toBe(201);
      expect(stored.body).toMatchObject({
        name: 'avatar.png',
        path: 'users/42/avatar.png',
        bucket,
        size: 5,
        content_type: 'image/png',
        owner_id: alice.id,
        metadata: {},
      });
      expect(stored.body.etag).toBe('"5d41402abc4b2a76b9719d911017c592"');
      const browser = await upload(t, bucket, { token: alice.token, filename: 'notes.txt', v1: true });
      expect(browser.status).toBe(201);
      expect(browser.body).toMatchObject({ path: 'notes.txt', name: 'notes.txt', content_type: 'text/plain' });
      const intoFolder = await upload(t, bucket, { token: alice.token, filename: 'b.txt', path: 'docs/' });
      expect(intoFolder.body.path).toBe('docs/b.txt');
      const intoExisting = await upload(t, bucket, { token: alice.token, filename: 'c.txt', path: 'users/42' });
      expect(intoExisting.body.path).toBe('users/42/c.txt');
      const guessed = await upload(t, bucket, {
        token: alice.token,
        path: 'report.pdf',
        type: 'application/octet-stream',
        metadata: { source: 'scanner' },
      });
      expect(guessed.body).toMatchObject({ content_type: 'application/pdf', metadata: { source: 'scanner' } });
    });

    it('replaces a file only with upsert (200, same id and owner), else 409', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const first = await upload(t, bucket, { token: alice.token, path: 'a.txt', data: 'one' });
      const conflict = await upload(t, bucket, { token: alice.token, path: 'a.txt', data: 'two' });
      expect(conflict.status).toBe(409);
      expect((await upload(t, bucket, { token: bob.token, path: 'a.txt', data: 'bob', upsert: true })).status).toBe(
        403,
      );
      const replaced = await upload(t, bucket, { token: alice.token, path: 'a.txt', data: 'second', upsert: true });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ id: first.body.id, owner_id: alice.id, size: 6 });
      expect(replaced.body.etag).not.toBe(first.body.etag);
      const bytes = await download(t, `/storage/buckets/${bucket}/files/a.txt/download`, { token: alice.token });
      expect(bytes.bytes.toString()).toBe('second');
      const v1 = await upload(t, bucket, { token: alice.token, filename: 'a.txt', v1: true, upsert: true, data: 'v1' });
      expect(v1.status).toBe(200);
      expect((await upload(t, bucket, { token: alice.token, filename: 'a.txt', v1: true })).status).toBe(409);
    });

    it('lists files by folder, prefix and search, with pages and X-Total-Count, on both prefixes', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      for (const path of [
        'logo.png',
        'users/41/a.png',
        'users/42/avatar.png',
        'users/42/deep/Report.PDF',
        'usersx.txt',
      ])
        await upload(t, bucket, { token: alice.token, path });
      const all = await t.call('listFiles', { params: { path: { bucketName: bucket } }, token: alice.token });
      expect(all.status).toBe(200);
      expect(all.body.map((f: { path: string }) => f.path)).toEqual([
        'logo.png',
        'users/41/a.png',
        'users/42/avatar.png',
        'users/42/deep/Report.PDF',
        'usersx.txt',
      ]);
      expect(all.headers.get('x-total-count')).toBe('5');
      const folder = await t.call('listFiles', {
        params: { path: { bucketName: bucket }, query: { path: 'users/42' } },
        token: alice.token,
      });
      expect(folder.body.map((f: { path: string }) => f.path)).toEqual([
        'users/42/avatar.png',
        'users/42/deep/Report.PDF',
      ]);
      const prefix = await t.call('listFiles', {
        params: { path: { bucketName: bucket }, query: { prefix: 'users' } },
        token: alice.token,
      });
      expect(prefix.headers.get('x-total-count')).toBe('4');
      const search = await t.call('listFiles', {
        params: { path: { bucketName: bucket }, query: { search: 'report' } },
        token: alice.token,
      });
      expect(search.body.map((f: { name: string }) => f.name)).toEqual(['Report.PDF']);
      const page = await t.call('listFilesV1', {
        params: { path: { bucketName: bucket }, query: { limit: 2, offset: 1 } },
        token: alice.token,
      });
      expect(page.body.map((f: { path: string }) => f.path)).toEqual(['users/41/a.png', 'users/42/avatar.png']);
      expect(page.headers.get('x-total-count')).toBe('5');
      for (const f of page.body) {
        expect(f).toHaveProperty('name');
        expect(f).toHaveProperty('size');
        expect(f).toHaveProperty('content_type');
        expect(f).toHaveProperty('updated_at');
      }
      const none = await t.call('listFiles', {
        params: { path: { bucketName: bucket }, query: { search: '100%_x' } },
        token: alice.token,
      });
      expect(none.body).toEqual([]);
    });

    it('reads a file’s metadata as JSON; 404 for unknown files and buckets', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const stored = await upload(t, bucket, { token: alice.token, path: 'users/42/avatar.png', type: 'image/png' });
      const meta = await t.call('getFile', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        token: alice.token,
      });
      expect(meta.status).toBe(200);
      expect(meta.body).toEqual(stored.body);
      expect(
        (
          await t.call('getFile', {
            params: { path: { bucketName: bucket, filePath: 'nope.txt' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('getFile', {
            params: { path: { bucketName: 'no-such', filePath: 'a.txt' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (await t.call('listFiles', { params: { path: { bucketName: 'no-such' } }, token: alice.token })).status,
      ).toBe(404);
      expect(
        (await t.call('listFilesV1', { params: { path: { bucketName: 'no-such' } }, token: alice.token })).status,
      ).toBe(404);
      expect((await upload(t, 'no-such', { token: alice.token })).status).toBe(404);
      expect((await upload(t, 'no-such', { token: alice.token, v1: true })).status).toBe(404);
    });

    it('deletes a file (its owner or an admin) on both prefixes, and its bytes', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await upload(t, bucket, { token: alice.token, path: 'x/one.txt' });
      await upload(t, bucket, { token: alice.token, path: 'two.txt' });
      expect(
        (
          await t.call('deleteFile', {
            params: { path: { bucketName: bucket, filePath: 'x/one.txt' } },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('deleteFile', {
            params: { path: { bucketName: bucket, filePath: 'x/one.txt' } },
            token: alice.token,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('deleteFile', {
            params: { path: { bucketName: bucket, filePath: 'x/one.txt' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('getFile', {
            params: { path: { bucketName: bucket, filePath: 'x/one.txt' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect((await listStoredObjects(t)).some((k) => k.endsWith(`${bucket}/x/one.txt`))).toBe(false);
      expect(
        (
          await t.call('deleteFileV1', {
            params: { path: { bucketName: bucket, fileName: 'two.txt' } },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('deleteFileV1', {
            params: { path: { bucketName: bucket, fileName: 'two.txt' } },
            token: admin.token,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('deleteFileV1', {
            params: { path: { bucketName: bucket, fileName: 'two.txt' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
    });

    it('moves a file (keeping id, owner and permissions) and copies one (a new file of the caller)', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const original = await upload(t, bucket, { token: alice.token, path: 'tmp/avatar.png', data: 'image' });
      await t.call('updateFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'tmp/avatar.png' } },
        body: { public: true },
        token: alice.token,
      });
      const move = (from: string, to: string, token: string) =>
        t.call('moveFile', { params: { path: { bucketName: bucket } }, body: { from, to }, token });
      expect((await move('tmp/avatar.png', 'users/42/avatar.png', bob.token)).status).toBe(403);
      const moved = await move('tmp/avatar.png', 'users/42/avatar.png', alice.token);
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: original.body.id, path: 'users/42/avatar.png', name: 'avatar.png' });
      expect(
        (await download(t, `/storage/buckets/${bucket}/files/${enc('users/42/avatar.png')}/download`)).status,
      ).toBe(200);
      expect(
        (
          await t.call('getFile', {
            params: { path: { bucketName: bucket, filePath: 'tmp/avatar.png' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect((await move('tmp/avatar.png', 'elsewhere.png', alice.token)).status).toBe(404);
      await upload(t, bucket, { token: alice.token, path: 'taken.png' });
      expect((await move('users/42/avatar.png', 'taken.png', alice.token)).status).toBe(409);
      expect((await move('users/42/avatar.png', 'users', alice.token)).status).toBe(409);
      expect((await move('users/42/avatar.png', '../escape.png', alice.token)).status).toBe(400);
      expect((await move('users/42/avatar.png', 'move', alice.token)).status).toBe(400);

      const copy = (from: string, to: string, token: string) =>
        t.call('copyFile', { params: { path: { bucketName: bucket } }, body: { from, to }, token });
      const copied = await copy('users/42/avatar.png', 'users/43/avatar.png', bob.token);
      expect(copied.status).toBe(201);
      expect(copied.body).toMatchObject({
        path: 'users/43/avatar.png',
        owner_id: bob.id,
        size: 5,
        etag: original.body.etag,
      });
      expect(copied.body.id).not.toBe(original.body.id);
      const copiedBytes = await download(t, `/storage/buckets/${bucket}/files/${enc('users/43/avatar.png')}/download`, {
        token: bob.token,
      });
      expect(copiedBytes.bytes.toString()).toBe('image');
      const perms = await t.call('getFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'users/43/avatar.png' } },
        token: bob.token,
      });
      expect(perms.body).toEqual({ public: false, allowed_roles: [], owner_id: bob.id });
      expect((await copy('nope.png', 'x.png', bob.token)).status).toBe(404);
      expect((await copy('users/42/avatar.png', 'taken.png', bob.token)).status).toBe(409);
      expect((await copy('users/42/avatar.png', '/abs.png', bob.token)).status).toBe(400);
      expect(
        (await t.call('copyFile', { params: { path: { bucketName: bucket } }, body: { from: 'a' }, token: bob.token }))
          .status,
      ).toBe(400);
      expect(
        (
          await t.call('moveFile', {
            params: { path: { bucketName: 'no-such' } },
            body: { from: 'a', to: 'b' },
            token: bob.token,
          })
        ).status,
      ).toBe(404);
    });

    it('refuses a copy past the bucket quota (413) and into a bucket the caller may not upload to (403)', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated', quota_bytes: 150 });
      await upload(t, bucket, { token: alice.token, path: 'a.bin', data: 'x'.repeat(100) });
      const over = await t.call('copyFile', {
        params: { path: { bucketName: bucket } },
        body: { from: 'a.bin', to: 'b.bin' },
        token: alice.token,
      });
      expect(over.status).toBe(413);
      expect(over.body.code).toBe('QUOTA_EXCEEDED');
      const closed = await createBucket(t, admin, { policy: 'private' });
      await upload(t, closed, { token: admin.token, path: 'shared.txt' });
      await t.call('updateFilePermissions', {
        params: { path: { bucketName: closed, filePath: 'shared.txt' } },
        body: { public: true },
        token: admin.token,
      });
      const refused = await t.call('copyFile', {
        params: { path: { bucketName: closed } },
        body: { from: 'shared.txt', to: 'mine.txt' },
        token: alice.token,
      });
      expect(refused.status).toBe(403);
    });

    it('bulk-deletes what the caller may delete and reports the rest', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await upload(t, bucket, { token: alice.token, path: 'a.txt' });
      await upload(t, bucket, { token: alice.token, path: 'dir/b.txt' });
      await upload(t, bucket, { token: bob.token, path: 'bob.txt' });
      const res = await t.call('bulkDelete', {
        params: { path: { bucketName: bucket } },
        body: { paths: ['a.txt', 'dir/b.txt', 'bob.txt', 'missing.txt'] },
        token: alice.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.deleted).toEqual(['a.txt', 'dir/b.txt']);
      expect(res.body.failed).toEqual([
        { path: 'bob.txt', message: expect.any(String) },
        { path: 'missing.txt', message: 'No such file.' },
      ]);
      const left = await t.call('listFiles', { params: { path: { bucketName: bucket } }, token: admin.token });
      expect(left.body.map((f: { path: string }) => f.path)).toEqual(['bob.txt']);
      const bulk = (body: unknown) =>
        t.raw.post(`/storage/buckets/${encodeURIComponent(bucket)}/files/bulk-delete`, body, { token: alice.token });
      expect((await bulk({ paths: [] })).status).toBe(400);
      expect((await bulk({ paths: ['../x'] })).status).toBe(400);
      expect((await bulk({})).status).toBe(400);
      expect(
        (
          await t.call('bulkDelete', {
            params: { path: { bucketName: 'no-such' } },
            body: { paths: ['a'] },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
    });

    it('refuses anonymous callers (401) and read-only API keys on writes (403)', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'public' });
      await upload(t, bucket, { token: alice.token, path: 'a.txt' });
      const anonymous = [
        () => t.call('listFiles', { params: { path: { bucketName: bucket } } }),
        () => t.call('listFilesV1', { params: { path: { bucketName: bucket } } }),
        () => t.call('getFile', { params: { path: { bucketName: bucket, filePath: 'a.txt' } } }),
        () => t.call('deleteFile', { params: { path: { bucketName: bucket, filePath: 'a.txt' } } }),
        () => t.call('deleteFileV1', { params: { path: { bucketName: bucket, fileName: 'a.txt' } } }),
        () => t.call('moveFile', { params: { path: { bucketName: bucket } }, body: { from: 'a.txt', to: 'b.txt' } }),
        () => t.call('copyFile', { params: { path: { bucketName: bucket } }, body: { from: 'a.txt', to: 'b.txt' } }),
        () => t.call('bulkDelete', { params: { path: { bucketName: bucket } }, body: { paths: ['a.txt'] } }),
        () => upload(t, bucket, {}),
        () => upload(t, bucket, { v1: true }),
      ];
      for (const call of anonymous) expect((await call()).status).toBe(401);
      const readOnly = await createApiKey(t, alice, ['read']);
      const writes = [
        () => t.call('deleteFile', { params: { path: { bucketName: bucket, filePath: 'a.txt' } }, apiKey: readOnly }),
        () => t.call('deleteFileV1', { params: { path: { bucketName: bucket, fileName: 'a.txt' } }, apiKey: readOnly }),
        () =>
          t.call('moveFile', {
            params: { path: { bucketName: bucket } },
            body: { from: 'a.txt', to: 'b.txt' },
            apiKey: readOnly,
          }),
        () =>
          t.call('copyFile', {
            params: { path: { bucketName: bucket } },
            body: { from: 'a.txt', to: 'b.txt' },
            apiKey: readOnly,
          }),
        () =>
          t.call('bulkDelete', {
            params: { path: { bucketName: bucket } },
            body: { paths: ['a.txt'] },
            apiKey: readOnly,
          }),
        () => upload(t, bucket, { apiKey: readOnly, path: 'k.txt' }),
        () => upload(t, bucket, { apiKey: readOnly, v1: true }),
      ];
      for (const call of writes) expect((await call()).status).toBe(403);
      const listed = await t.call('listFiles', { params: { path: { bucketName: bucket } }, apiKey: readOnly });
      expect(listed.status).toBe(200);
      const writer = await createApiKey(t, alice, ['read', 'write']);
      expect((await upload(t, bucket, { apiKey: writer, path: 'by-key.txt' })).body.owner_id).toBe(alice.id);
    });

    it('refuses uploads to a private bucket for plain users, and answers 400 for bad keys and pages', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      expect((await upload(t, bucket, { token: alice.token, path: 'a.txt' })).status).toBe(403);
      expect((await upload(t, bucket, { token: alice.token, v1: true })).status).toBe(403);
      expect((await upload(t, bucket, { token: admin.token, path: 'a.txt' })).status).toBe(201);
      const bad = [
        () =>
          t.call('listFiles', { params: { path: { bucketName: bucket }, query: { limit: 0 } }, token: admin.token }),
        () => t.raw.get(`/storage/v1/buckets/${bucket}/files?offset=x`, { token: admin.token }),
        () =>
          t.call('listFiles', {
            params: { path: { bucketName: bucket }, query: { path: '../etc' } },
            token: admin.token,
          }),
        () => t.call('getFile', { params: { path: { bucketName: bucket, filePath: 'a\\b' } }, token: admin.token }),
        () =>
          t.call('deleteFile', { params: { path: { bucketName: bucket, filePath: '../a.txt' } }, token: admin.token }),
        () =>
          t.call('deleteFileV1', { params: { path: { bucketName: bucket, fileName: '/a.txt' } }, token: admin.token }),
        () => upload(t, bucket, { token: admin.token, path: '../../etc/passwd' }),
        () => upload(t, bucket, { token: admin.token, path: 'bulk-delete' }),
        () => upload(t, bucket, { token: admin.token, v1: true, filename: '' }),
      ];
      for (const call of bad) expect((await call()).status).toBe(400);
    });
  },
  { storage: true },
);
