/**
 * The AeroDB dashboard's storage calls (reference §3.12), each made the way the dashboard
 * makes it, with the fields it reads ("Response expected") checked in the answer.
 */
import { expect, it } from 'vitest';
import { setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { download, upload } from './storage-fixtures';

const fieldsOf = (value: object) => Object.keys(value);

contractSuite(
  import.meta.filename,
  'storage: the dashboard’s calls',
  (t) => {
    it('storageService and the storage pages get every field they read', async () => {
      const { admin } = await setupPeople(t);
      const asAdmin = { token: admin.token };
      const bucket = `dash-${Date.now().toString(36)}`;
      // 3 createBucket {name, public} → Bucket; P2 the page's create.
      const created = await t.call('createBucket', { body: { name: bucket, public: true }, ...asAdmin });
      expect(created.body).toMatchObject({ name: bucket, public: true });
      expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(['name', 'public', 'created_at', 'updated_at']));
      expect(
        (await t.call('createBucketV1', { body: { name: `${bucket}-page`, public: false }, ...asAdmin })).status,
      ).toBe(201);
      // 1 getBuckets → Bucket[]; P1 the page reads name, public, created_at.
      for (const list of await Promise.all([t.call('getBuckets', asAdmin), t.call('listBucketsV1', asAdmin)])) {
        expect(Array.isArray(list.body)).toBe(true);
        expect(list.body.find((b: { name: string }) => b.name === bucket)).toMatchObject({ public: true });
        for (const b of list.body)
          expect(fieldsOf(b)).toEqual(expect.arrayContaining(['name', 'public', 'created_at']));
      }
      // 2 getBucket, 5 updateBucket {public}.
      expect((await t.call('getBucket', { params: { path: { bucketName: bucket } }, ...asAdmin })).body.name).toBe(
        bucket,
      );
      expect(
        (
          await t.call('updateBucket', {
            params: { path: { bucketName: bucket } },
            body: { public: false },
            ...asAdmin,
          })
        ).body.public,
      ).toBe(false);
      await t.call('updateBucket', {
        params: { path: { bucketName: bucket } },
        body: { public: true },
        ...asAdmin,
      });
      // 14 createFolder {path}; 8 uploadFile: file, then path; bulkUpload: file, then a folder path.
      expect(
        (
          await t.call('createFolder', {
            params: { path: { bucketName: bucket } },
            body: { path: 'photos' },
            ...asAdmin,
          })
        ).status,
      ).toBe(201);
      const stored = await upload(t, bucket, {
        ...asAdmin,
        filename: 'cat.png',
        type: 'image/png',
        path: 'photos/cat.png',
      });
      expect(fieldsOf(stored.body)).toEqual(expect.arrayContaining(['id', 'path', 'size', 'content_type']));
      const bulk = await upload(t, bucket, { ...asAdmin, filename: 'dog.png', type: 'image/png', path: 'photos' });
      expect(bulk.body.path).toBe('photos/dog.png');
      // P4 the file browser's upload: the file part only.
      expect((await upload(t, bucket, { ...asAdmin, filename: 'readme.txt', v1: true })).status).toBe(201);
      // 6 listFiles ?path → StorageFile[]; P3 reads name, size, content_type, updated_at.
      const listed = await t.call('listFiles', {
        params: { path: { bucketName: bucket }, query: { path: 'photos' } },
        ...asAdmin,
      });
      expect(listed.body.map((f: { name: string }) => f.name)).toEqual(['cat.png', 'dog.png']);
      const page = await t.call('listFilesV1', {
        params: { path: { bucketName: bucket } },
        ...asAdmin,
      });
      for (const f of page.body)
        expect(fieldsOf(f)).toEqual(expect.arrayContaining(['name', 'size', 'content_type', 'updated_at']));
      // 7 getFile → StorageFile JSON metadata (the key encoded with encodeURIComponent).
      const meta = await t.call('getFile', {
        params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
        ...asAdmin,
      });
      expect(meta.body).toMatchObject({ name: 'cat.png', path: 'photos/cat.png', content_type: 'image/png' });
      // P5 the file browser's download (name not encoded) → a Blob; 12 getPublicUrl (not encoded).
      expect((await download(t, `/storage/v1/buckets/${bucket}/files/readme.txt`, asAdmin)).bytes.toString()).toBe(
        'hello',
      );
      expect((await download(t, `/storage/buckets/${bucket}/public/readme.txt`)).status).toBe(200);
      // 11 createSignedUrl {expires_in} → {url, expires_at}; 19 listSignedUrls; 20 revokeSignedUrl.
      const signed = await t.call('createSignedUrl', {
        params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
        body: { expires_in: 3600 },
        ...asAdmin,
      });
      expect(fieldsOf(signed.body)).toEqual(expect.arrayContaining(['url', 'expires_at']));
      const urls = await t.call('listSignedUrls', {
        params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
        ...asAdmin,
      });
      expect(fieldsOf(urls.body[0])).toEqual(['id', 'url', 'expires_at', 'created_at']);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'photos/cat.png', urlId: urls.body[0].id } },
            ...asAdmin,
          })
        ).status,
      ).toBe(204);
      // 17 getFilePermissions → {public, allowed_roles, owner_id}; 18 updateFilePermissions.
      expect(
        fieldsOf(
          (
            await t.call('getFilePermissions', {
              params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
              ...asAdmin,
            })
          ).body,
        ),
      ).toEqual(['public', 'allowed_roles', 'owner_id']);
      expect(
        (
          await t.call('updateFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
            body: { public: true },
            ...asAdmin,
          })
        ).status,
      ).toBe(200);
      // 10 moveFile {from, to} → StorageFile.
      const moved = await t.call('moveFile', {
        params: { path: { bucketName: bucket } },
        body: { from: 'photos/dog.png', to: 'photos/puppy.png' },
        ...asAdmin,
      });
      expect(moved.body).toMatchObject({ path: 'photos/puppy.png', name: 'puppy.png' });
      // 15 listFolders ?prefix → string[].
      expect(
        (
          await t.call('listFolders', {
            params: { path: { bucketName: bucket } },
            ...asAdmin,
          })
        ).body,
      ).toEqual(['photos']);
      // 13 getBucketStats → {total_files, total_size, quota_used, quota_limit}.
      const stats = await t.call('getBucketStats', {
        params: { path: { bucketName: bucket } },
        ...asAdmin,
      });
      expect(stats.body).toMatchObject({ total_files: 3, quota_set: false });
      expect(typeof stats.body.quota_limit).toBe('number');
      expect(stats.body.total_size).toBe(stats.body.quota_used);
      // 22 getStorageQuota → {used_bytes, limit_bytes, buckets_count, files_count}.
      const quota = await t.call('getStorageQuota', { ...asAdmin });
      expect(fieldsOf(quota.body)).toEqual(
        expect.arrayContaining(['used_bytes', 'limit_bytes', 'buckets_count', 'files_count']),
      );
      expect(typeof quota.body.limit_bytes).toBe('number');
      // 21 bulkDelete {paths}; 9 deleteFile; P6 the file browser's delete; 16 deleteFolder; 4 deleteBucket.
      expect(
        (
          await t.call('bulkDelete', {
            params: { path: { bucketName: bucket } },
            body: { paths: ['photos/puppy.png'] },
            ...asAdmin,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('deleteFile', {
            params: { path: { bucketName: bucket, filePath: 'photos/cat.png' } },
            ...asAdmin,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('deleteFileV1', {
            params: { path: { bucketName: bucket, fileName: 'readme.txt' } },
            ...asAdmin,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('deleteFolder', {
            params: { path: { bucketName: bucket, folderPath: 'photos' } },
            ...asAdmin,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.call('deleteBucket', {
            params: { path: { bucketName: bucket } },
            ...asAdmin,
          })
        ).status,
      ).toBe(204);
    });
  },
  { storage: true },
);
