import { expect, it } from 'vitest';
import { createApiKey, setupPeople, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, listStoredObjects, uniqueBucketName, upload } from './storage-fixtures';

contractSuite(
  import.meta.filename,
  'storage: buckets',
  (t) => {
    it('creates buckets from the dashboard body, the page body and with limits', async () => {
      const { admin } = await setupPeople(t);
      const asAdmin = { token: admin.token };
      const publicName = uniqueBucketName('pub');
      const created = await t.call('createBucket', { body: { name: publicName, public: true }, ...asAdmin });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: publicName,
        public: true,
        policy: 'public',
        file_count: 0,
        total_size: 0,
      });
      const page = await t.call('createBucketV1', {
        body: { name: uniqueBucketName('page'), public: false },
        ...asAdmin,
      });
      expect(page.status).toBe(201);
      expect(page.body).toMatchObject({ public: false, policy: 'private' });
      const limited = await t.call('createBucket', {
        body: {
          name: uniqueBucketName('docs'),
          policy: 'authenticated',
          max_file_size: 1000,
          allowed_mime_types: ['application/pdf', 'image/*'],
          quota_bytes: 5000,
        },
        ...asAdmin,
      });
      expect(limited.body).toMatchObject({
        public: false,
        policy: 'authenticated',
        file_size_limit: 1000,
        allowed_mime_types: ['application/pdf', 'image/*'],
        quota_bytes: 5000,
      });
      const byDefault = await t.call('createBucket', { body: { name: uniqueBucketName('def') }, ...asAdmin });
      expect(byDefault.body).toMatchObject({ policy: 'private', file_size_limit: null, allowed_mime_types: null });
    });

    it('lists buckets on both prefixes with X-Total-Count, limit and offset; reads one', async () => {
      const { admin } = await setupPeople(t);
      const name = await createBucket(t, admin, { public: true });
      type Paging = { limit: number; offset: number };
      const lists = [
        (query?: Paging) => t.call('getBuckets', { params: { query }, token: admin.token }),
        (query?: Paging) => t.call('listBucketsV1', { params: { query }, token: admin.token }),
      ];
      for (const list of lists) {
        const all = await list();
        expect(all.status).toBe(200);
        const total = Number(all.headers.get('x-total-count'));
        expect(total).toBe(all.body.length);
        const mine = all.body.find((b: { name: string }) => b.name === name);
        expect(mine).toMatchObject({ name, public: true });
        expect(mine.created_at).toBeTruthy();
        const paged = await list({ limit: 1, offset: 1 });
        expect(paged.body).toHaveLength(Math.min(1, total - 1));
        expect(paged.headers.get('x-total-count')).toBe(String(total));
      }
      const one = await t.call('getBucket', { params: { path: { bucketName: name } }, token: admin.token });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ name, policy: 'public', file_count: 0 });
    });

    it('updates a bucket the dashboard way (public) and the old way (policy, limits)', async () => {
      const { admin } = await setupPeople(t);
      const asAdmin = { token: admin.token };
      const name = await createBucket(t, admin, { policy: 'authenticated' });
      expect(
        (await t.call('updateBucket', { params: { path: { bucketName: name } }, body: { public: false }, ...asAdmin }))
          .body.policy,
      ).toBe('authenticated');
      expect(
        (await t.call('updateBucket', { params: { path: { bucketName: name } }, body: { public: true }, ...asAdmin }))
          .body,
      ).toMatchObject({
        public: true,
        policy: 'public',
      });
      expect(
        (await t.call('updateBucket', { params: { path: { bucketName: name } }, body: { public: false }, ...asAdmin }))
          .body.policy,
      ).toBe('private');
      const limits = await t.call('updateBucket', {
        params: { path: { bucketName: name } },
        body: { max_file_size: 5242880, allowed_mime_types: ['image/png'], quota_bytes: 10_000_000 },
        ...asAdmin,
      });
      expect(limits.status).toBe(200);
      expect(limits.body).toMatchObject({
        file_size_limit: 5242880,
        allowed_mime_types: ['image/png'],
        quota_bytes: 1e7,
      });
      const cleared = await t.call('updateBucket', {
        params: { path: { bucketName: name } },
        body: { file_size_limit: null, allowed_mime_types: null },
        ...asAdmin,
      });
      expect(cleared.body).toMatchObject({ file_size_limit: null, allowed_mime_types: null, quota_bytes: 1e7 });
    });

    it('deletes a bucket with its files and their bytes', async () => {
      const { admin } = await setupPeople(t);
      const name = await createBucket(t, admin);
      expect((await upload(t, name, { token: admin.token, path: 'a/b.txt' })).status).toBe(201);
      expect((await listStoredObjects(t)).some((k) => k.includes(`${name}/a/b.txt`))).toBe(true);
      expect(
        (await t.call('deleteBucket', { params: { path: { bucketName: name } }, token: admin.token })).status,
      ).toBe(204);
      expect((await t.call('getBucket', { params: { path: { bucketName: name } }, token: admin.token })).status).toBe(
        404,
      );
      expect((await listStoredObjects(t)).some((k) => k.includes(`${name}/`))).toBe(false);
      const again = await t.call('createBucket', { body: { name }, token: admin.token });
      expect(again.status).toBe(201);
      expect(again.body.file_count).toBe(0);
    });

    it('reports a bucket’s usage with the dashboard’s and the old backend’s fields, and the server’s', async () => {
      const { admin } = await setupPeople(t);
      const name = await createBucket(t, admin, { quota_bytes: 100_000 });
      const empty = await t.call('getBucketStats', { params: { path: { bucketName: name } }, token: admin.token });
      expect(empty.body).toEqual({
        total_files: 0,
        total_size: 0,
        quota_used: 0,
        quota_limit: 100_000,
        quota_set: true,
        quota_limit_source: 'quota',
        file_count: 0,
        largest_file: null,
      });
      await upload(t, name, { token: admin.token, path: 'small.txt', data: 'abc' });
      await upload(t, name, { token: admin.token, path: 'big/one.txt', data: 'x'.repeat(1000) });
      const stats = await t.call('getBucketStats', { params: { path: { bucketName: name } }, token: admin.token });
      expect(stats.status).toBe(200);
      expect(stats.body).toEqual({
        total_files: 2,
        total_size: 1003,
        quota_used: 1003,
        quota_limit: 100_000,
        quota_set: true,
        quota_limit_source: 'quota',
        file_count: 2,
        largest_file: { path: 'big/one.txt', size: 1000 },
      });
      const quota = await t.call('getStorageQuota', { token: admin.token });
      expect(quota.status).toBe(200);
      // No limit configured: still a number (the volume's room, or 2^53-1 on object storage), flagged unset.
      expect(quota.body.limit_set).toBe(false);
      expect(['volume', 'unbounded']).toContain(quota.body.limit_source);
      expect(quota.body.limit_bytes).toBeGreaterThan(quota.body.used_bytes);
      expect(quota.body.used_bytes).toBeGreaterThanOrEqual(1003);
      expect(quota.body.buckets_count).toBeGreaterThanOrEqual(1);
      expect(quota.body.files_count).toBeGreaterThanOrEqual(2);
      const listed = await t.call('getBucket', { params: { path: { bucketName: name } }, token: admin.token });
      expect(listed.body).toMatchObject({ file_count: 2, total_size: 1003 });
    });

    it('answers 409 for a taken name on both prefixes and 404 for an unknown bucket', async () => {
      const { admin } = await setupPeople(t);
      const asAdmin = { token: admin.token };
      const name = await createBucket(t, admin);
      expect((await t.call('createBucket', { body: { name }, ...asAdmin })).status).toBe(409);
      const page = await t.call('createBucketV1', { body: { name, public: true }, ...asAdmin });
      expect(page.status).toBe(409);
      expect(page.body.code).toBe('CONFLICT');
      expect(
        (await t.call('getBucket', { params: { path: { bucketName: 'no-such-bucket' } }, ...asAdmin })).status,
      ).toBe(404);
      expect(
        (
          await t.call('updateBucket', {
            params: { path: { bucketName: 'no-such-bucket' } },
            body: { public: true },
            ...asAdmin,
          })
        ).status,
      ).toBe(404);
      expect(
        (await t.call('deleteBucket', { params: { path: { bucketName: 'no-such-bucket' } }, ...asAdmin })).status,
      ).toBe(404);
      expect(
        (await t.call('getBucketStats', { params: { path: { bucketName: 'no-such-bucket' } }, ...asAdmin })).status,
      ).toBe(404);
    });

    it('answers 400 for invalid names, contradicting fields and bad pages', async () => {
      const { admin } = await setupPeople(t);
      const asAdmin = { token: admin.token };
      const name = await createBucket(t, admin);
      const bad = [
        () => t.call('createBucket', { body: { name: 'Not Valid' }, ...asAdmin }),
        () => t.call('createBucket', { body: { name: '../escape' }, ...asAdmin }),
        () =>
          t.call('createBucket', { body: { name: uniqueBucketName(), public: true, policy: 'private' }, ...asAdmin }),
        () =>
          t.call('createBucket', {
            body: { name: uniqueBucketName(), max_file_size: 10, file_size_limit: 20 },
            ...asAdmin,
          }),
        () =>
          t.call('createBucket', {
            body: { name: uniqueBucketName(), allowed_mime_types: ['not a type'] },
            ...asAdmin,
          }),
        () => t.call('createBucketV1', { body: { public: true }, ...asAdmin }),
        () => t.raw.post('/storage/buckets', {}, { ...asAdmin, raw: '{not json' }),
        () => t.call('updateBucket', { params: { path: { bucketName: name } }, body: {}, ...asAdmin }),
        () => t.raw.patch(`/storage/buckets/${encodeURIComponent(name)}`, { policy: 'secret' }, { ...asAdmin }),
        () =>
          t.call('updateBucket', {
            params: { path: { bucketName: name } },
            body: { public: true, policy: 'authenticated' },
            ...asAdmin,
          }),
        () => t.call('getBuckets', { params: { query: { limit: 0 } }, ...asAdmin }),
        () => t.call('listBucketsV1', { params: { query: { offset: -1 } }, ...asAdmin }),
        () => t.call('getBucket', { params: { path: { bucketName: 'UPPER' } }, ...asAdmin }),
        () => t.call('deleteBucket', { params: { path: { bucketName: 'UPPER' } }, ...asAdmin }),
        () => t.call('getBucketStats', { params: { path: { bucketName: 'UPPER' } }, ...asAdmin }),
      ];
      for (const call of bad) {
        const res = await call();
        expect(res.status).toBe(400);
      }
      expect((await t.call('getBucket', { params: { path: { bucketName: name } }, ...asAdmin })).body.policy).toBe(
        'private',
      );
    });

    it('refuses plain users and their API keys (403), read-only admin keys (403) and anonymous callers (401)', async () => {
      const { admin } = await setupPeople(t);
      const user = await signUpUser(t);
      const name = await createBucket(t, admin);
      const userKey = await createApiKey(t, user, ['read', 'write']);
      const adminReadKey = await createApiKey(t, admin, ['read']);
      const calls = (who: { token?: string; apiKey?: string }) => [
        () => t.call('getBuckets', { ...who }),
        () => t.call('createBucket', { body: { name: uniqueBucketName() }, ...who }),
        () => t.call('getBucket', { params: { path: { bucketName: name } }, ...who }),
        () => t.call('updateBucket', { params: { path: { bucketName: name } }, body: { public: true }, ...who }),
        () => t.call('deleteBucket', { params: { path: { bucketName: name } }, ...who }),
        () => t.call('getBucketStats', { params: { path: { bucketName: name } }, ...who }),
        () => t.call('getStorageQuota', { ...who }),
        () => t.call('listBucketsV1', { ...who }),
        () => t.call('createBucketV1', { body: { name: uniqueBucketName() }, ...who }),
      ];
      for (const who of [{ token: user.token }, { apiKey: userKey }, { apiKey: adminReadKey }]) {
        for (const call of calls(who)) {
          const res = await call();
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      }
      for (const call of calls({})) expect((await call()).status).toBe(401);
      const adminKey = await createApiKey(t, admin, ['read', 'write', 'admin']);
      expect((await t.call('getBuckets', { apiKey: adminKey })).status).toBe(200);
      expect(
        (await t.call('getBucket', { params: { path: { bucketName: name } }, token: admin.token })).body.policy,
      ).toBe('private');
    });
  },
  { storage: true },
);
