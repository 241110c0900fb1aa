import { expect, it } from 'vitest';
import { createApiKey, setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, listStoredObjects, upload } from './storage-fixtures';

contractSuite(
  import.meta.filename,
  'storage: folders',
  (t) => {
    it('creates empty folders and lists direct subfolders, made and implied, with pages', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      const created = await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'users/42/photos/' },
        token: alice.token,
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ path: 'users/42/photos' });
      await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'empty' },
        token: alice.token,
      });
      await upload(t, bucket, { token: alice.token, path: 'users/41/a.txt' });
      await upload(t, bucket, { token: alice.token, path: 'docs/x/y/z.txt' });
      await upload(t, bucket, { token: alice.token, path: 'root.txt' });
      const root = await t.call('listFolders', { params: { path: { bucketName: bucket } }, token: alice.token });
      expect(root.status).toBe(200);
      expect(root.body).toEqual(['docs', 'empty', 'users']);
      expect(root.headers.get('x-total-count')).toBe('3');
      expect(
        (
          await t.call('listFolders', {
            params: { path: { bucketName: bucket }, query: { prefix: 'users' } },
            token: alice.token,
          })
        ).body,
      ).toEqual(['users/41', 'users/42']);
      expect(
        (
          await t.call('listFolders', {
            params: { path: { bucketName: bucket }, query: { prefix: 'users/42' } },
            token: alice.token,
          })
        ).body,
      ).toEqual(['users/42/photos']);
      expect(
        (
          await t.call('listFolders', {
            params: { path: { bucketName: bucket }, query: { prefix: 'users/42/photos' } },
            token: alice.token,
          })
        ).body,
      ).toEqual([]);
      const page = await t.call('listFolders', {
        params: { path: { bucketName: bucket }, query: { limit: 1, offset: 1 } },
        token: alice.token,
      });
      expect(page.body).toEqual(['empty']);
      expect(page.headers.get('x-total-count')).toBe('3');
      const inside = await upload(t, bucket, {
        token: alice.token,
        filename: 'p.png',
        path: 'users/42/photos',
        type: 'image/png',
      });
      expect(inside.body.path).toBe('users/42/photos/p.png');
    });

    it('answers 409 when a folder or a file has the path, or a file is in the way', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'made' },
        token: alice.token,
      });
      await upload(t, bucket, { token: alice.token, path: 'implied/a.txt' });
      await upload(t, bucket, { token: alice.token, path: 'file.txt' });
      for (const path of ['made', 'made/', 'implied', 'file.txt', 'file.txt/sub']) {
        const res = await t.call('createFolder', {
          params: { path: { bucketName: bucket } },
          body: { path },
          token: alice.token,
        });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CONFLICT');
      }
      expect((await upload(t, bucket, { token: alice.token, path: 'file.txt/inner.txt' })).status).toBe(409);
      expect((await upload(t, bucket, { token: alice.token, path: 'made', filename: '' })).status).toBe(400);
    });

    it('deletes a folder with everything under it, at any depth, and its files’ bytes', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'trip/empty' },
        token: alice.token,
      });
      await upload(t, bucket, { token: alice.token, path: 'trip/a.jpg' });
      await upload(t, bucket, { token: alice.token, path: 'trip/day1/b.jpg' });
      await upload(t, bucket, { token: alice.token, path: 'tripx.jpg' });
      const signed = await t.call('createSignedUrl', {
        params: { path: { bucketName: bucket, filePath: 'trip/a.jpg' } },
        body: {},
        token: alice.token,
      });
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'trip' } },
            token: alice.token,
          })
        ).status,
      ).toBe(204);
      const left = await t.call('listFiles', { params: { path: { bucketName: bucket } }, token: alice.token });
      expect(left.body.map((f: { path: string }) => f.path)).toEqual(['tripx.jpg']);
      expect(
        (await t.call('listFolders', { params: { path: { bucketName: bucket } }, token: alice.token })).body,
      ).toEqual([]);
      expect((await listStoredObjects(t)).filter((k) => k.includes(`${bucket}/trip/`))).toEqual([]);
      const url = new URL(signed.body.url);
      expect((await t.raw.get(url.pathname + url.search)).status).toBe(403);
      await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'only/empty' },
        token: alice.token,
      });
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'only/empty' } },
            token: alice.token,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('listFolders', {
            params: { path: { bucketName: bucket }, query: { prefix: 'only' } },
            token: alice.token,
          })
        ).body,
      ).toEqual([]);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'trip' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
    });

    it('deletes all or nothing: 403 when a file under it is someone else’s', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await upload(t, bucket, { token: alice.token, path: 'shared/alice.txt' });
      await upload(t, bucket, { token: bob.token, path: 'shared/deep/bob.txt' });
      const res = await t.call('deleteFolder', {
        params: { path: { bucketName: bucket, folderPath: 'shared' } },
        token: alice.token,
      });
      expect(res.status).toBe(403);
      expect(
        (
          await t.call('listFiles', {
            params: { path: { bucketName: bucket }, query: { path: 'shared' } },
            token: alice.token,
          })
        ).body,
      ).toHaveLength(2);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'shared' } },
            token: admin.token,
          })
        ).status,
      ).toBe(204);
    });

    it('shows in private buckets only the folders holding files the caller may read', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      await t.call('createFolder', {
        params: { path: { bucketName: bucket } },
        body: { path: 'empty' },
        token: admin.token,
      });
      await upload(t, bucket, { token: admin.token, path: 'hidden/a.txt' });
      await upload(t, bucket, { token: admin.token, path: 'shared/b.txt' });
      await t.call('updateFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'shared/b.txt' } },
        body: { allowed_roles: ['user'] },
        token: admin.token,
      });
      expect(
        (await t.call('listFolders', { params: { path: { bucketName: bucket } }, token: alice.token })).body,
      ).toEqual(['shared']);
      expect(
        (await t.call('listFolders', { params: { path: { bucketName: bucket } }, token: admin.token })).body,
      ).toEqual(['empty', 'hidden', 'shared']);
      expect(
        (
          await t.call('createFolder', {
            params: { path: { bucketName: bucket } },
            body: { path: 'mine' },
            token: alice.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'empty' } },
            token: alice.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'hidden' } },
            token: alice.token,
          })
        ).status,
      ).toBe(403);
    });

    it('answers 401, 403 for read-only keys, 404 for unknown buckets and 400 for invalid paths', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      expect((await t.call('listFolders', { params: { path: { bucketName: bucket } } })).status).toBe(401);
      expect(
        (await t.call('createFolder', { params: { path: { bucketName: bucket } }, body: { path: 'a' } })).status,
      ).toBe(401);
      expect((await t.call('deleteFolder', { params: { path: { bucketName: bucket, folderPath: 'a' } } })).status).toBe(
        401,
      );
      const readOnly = await createApiKey(t, alice, ['read']);
      expect((await t.call('listFolders', { params: { path: { bucketName: bucket } }, apiKey: readOnly })).status).toBe(
        200,
      );
      expect(
        (
          await t.call('createFolder', {
            params: { path: { bucketName: bucket } },
            body: { path: 'a' },
            apiKey: readOnly,
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('deleteFolder', { params: { path: { bucketName: bucket, folderPath: 'a' } }, apiKey: readOnly }))
          .status,
      ).toBe(403);
      expect(
        (await t.call('listFolders', { params: { path: { bucketName: 'no-such' } }, token: alice.token })).status,
      ).toBe(404);
      expect(
        (
          await t.call('createFolder', {
            params: { path: { bucketName: 'no-such' } },
            body: { path: 'a' },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: 'no-such', folderPath: 'a' } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      const bad = [
        () =>
          t.call('createFolder', {
            params: { path: { bucketName: bucket } },
            body: { path: '../up' },
            token: alice.token,
          }),
        () =>
          t.call('createFolder', {
            params: { path: { bucketName: bucket } },
            body: { path: '/abs' },
            token: alice.token,
          }),
        () => t.call('createFolder', { params: { path: { bucketName: bucket } }, body: {}, token: alice.token }),
        () =>
          t.call('listFolders', {
            params: { path: { bucketName: bucket }, query: { prefix: 'a/../..' } },
            token: alice.token,
          }),
        () =>
          t.call('listFolders', { params: { path: { bucketName: bucket }, query: { limit: 0 } }, token: alice.token }),
        () =>
          t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'a/../../b' } },
            token: alice.token,
          }),
        () =>
          t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: '%2e%2e%2fb' } },
            token: alice.token,
          }),
      ];
      for (const call of bad) expect((await call()).status).toBe(400);
    });
  },
  { storage: true },
);
