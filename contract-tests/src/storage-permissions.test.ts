import { expect, it } from 'vitest';
import { setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, download, enc, upload } from './storage-fixtures';

contractSuite(
  import.meta.filename,
  'storage: file permissions',
  (t) => {
    it('reads and changes a file’s permissions (owner or admin); fields left out keep their value', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await upload(t, bucket, { token: alice.token, path: 'users/42/avatar.png', type: 'image/png' });
      const initial = await t.call('getFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        token: alice.token,
      });
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({ public: false, allowed_roles: [], owner_id: alice.id });
      const shared = await t.call('updateFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        body: { allowed_roles: ['editor', 'user'] },
        token: alice.token,
      });
      expect(shared.status).toBe(200);
      expect(shared.body).toEqual({ public: false, allowed_roles: ['editor', 'user'], owner_id: alice.id });
      const opened = await t.call('updateFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        body: { public: true },
        token: admin.token,
      });
      expect(opened.body).toEqual({ public: true, allowed_roles: ['editor', 'user'], owner_id: alice.id });
      expect(
        (
          await t.call('getFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('updateFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
            body: { public: false },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('getFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await t.call('updateFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
            body: { public: false },
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await t.call('getFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'missing.png' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('updateFilePermissions', {
            params: { path: { bucketName: bucket, filePath: 'missing.png' } },
            body: { public: true },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      for (const body of [{}, { allowed_roles: ['Not A Role'] }, { public: 'yes' }, { owner_id: bob.id }]) {
        expect(
          (
            await t.raw.patch(
              `/storage/buckets/${encodeURIComponent(bucket)}/files/users%2F42%2Favatar.png/permissions`,
              body,
              { token: admin.token },
            )
          ).status,
        ).toBe(400);
      }
      expect(
        (
          await t.call('getFilePermissions', {
            params: { path: { bucketName: bucket, filePath: '../x' } },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
    });

    it('widens reading on every path: metadata, listing, downloads, public URL, signing and the unified operation', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      await upload(t, bucket, { token: admin.token, path: 'team/plan.txt', data: 'the plan' });
      await upload(t, bucket, { token: admin.token, path: 'team/secret.txt', data: 'secret' });
      const file = (key: string) => `/storage/buckets/${bucket}/files/${enc(key)}`;
      const readsOf = (key: string, token?: string) => [
        t.call('getFile', { params: { path: { bucketName: bucket, filePath: key } }, token }).then((r) => r.status),
        download(t, `${file(key)}/download`, { token }).then((r) => r.status),
        download(t, `/storage/buckets/${bucket}/public/${enc(key)}`, { token }).then((r) => r.status),
        download(t, `/storage/v1/buckets/${bucket}/files/${enc(key)}`, { token }).then((r) => r.status),
        t
          .call('createSignedUrl', { params: { path: { bucketName: bucket, filePath: key } }, body: {}, token })
          .then((r) => r.status),
        t.call('executeOperation', { body: { op: 'download', bucket, path: key }, token }).then((r) => r.status),
      ];
      expect(await Promise.all(readsOf('team/plan.txt', alice.token))).toEqual([403, 403, 403, 403, 403, 403]);
      const listed = async (token: string) =>
        (await t.call('listFiles', { params: { path: { bucketName: bucket } }, token })).body.map(
          (f: { path: string }) => f.path,
        );
      expect(await listed(alice.token)).toEqual([]);
      const plan = { params: { path: { bucketName: bucket, filePath: 'team/plan.txt' } } };
      await t.call('updateFilePermissions', { ...plan, body: { allowed_roles: ['user'] }, token: admin.token });
      expect(await Promise.all(readsOf('team/plan.txt', alice.token))).toEqual([200, 200, 200, 200, 201, 200]);
      expect(await Promise.all(readsOf('team/secret.txt', alice.token))).toEqual([403, 403, 403, 403, 403, 403]);
      expect(await listed(alice.token)).toEqual(['team/plan.txt']);
      expect(
        (await t.call('listFiles', { params: { path: { bucketName: bucket } }, token: alice.token })).headers.get(
          'x-total-count',
        ),
      ).toBe('1');
      expect(await listed(admin.token)).toEqual(['team/plan.txt', 'team/secret.txt']);
      const anonymous = await Promise.all([
        download(t, `${file('team/plan.txt')}/download`).then((r) => r.status),
        download(t, `/storage/buckets/${bucket}/public/${enc('team/plan.txt')}`).then((r) => r.status),
      ]);
      expect(anonymous).toEqual([401, 401]);
      await t.call('updateFilePermissions', { ...plan, body: { public: true, allowed_roles: [] }, token: admin.token });
      expect((await download(t, `${file('team/plan.txt')}/download`)).status).toBe(200);
      expect((await download(t, `/storage/buckets/${bucket}/public/${enc('team/plan.txt')}`)).status).toBe(200);
      expect((await t.call('getFile', { ...plan, token: bob.token })).status).toBe(200);
      expect((await t.call('deleteFile', { ...plan, token: bob.token })).status).toBe(403);
      expect(
        (
          await t.call('moveFile', {
            params: { path: { bucketName: bucket } },
            body: { from: 'team/plan.txt', to: 'x.txt' },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
    });

    it('checks the unified operation’s upload like the storage route: policy, ownership and conflicts', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const open = await createBucket(t, admin, { policy: 'authenticated', allowed_mime_types: ['text/*'] });
      const closed = await createBucket(t, admin, { policy: 'private' });
      const op = (body: Record<string, unknown>, token?: string) => t.call('executeOperation', { body: body, token });
      const content = Buffer.from('via the pipeline').toString('base64');
      const put = (bucket: string, path: string, token: string | undefined, type = 'text/plain') =>
        op({ op: 'upload', bucket, path, content_base64: content, content_type: type }, token);
      expect((await put(open, 'a.txt', alice.token)).status).toBe(200);
      expect((await put(open, 'a.txt', bob.token)).status).toBe(409);
      expect((await put(open, 'b.png', alice.token, 'image/png')).status).toBe(415);
      expect((await put(open, '../escape.txt', alice.token)).status).toBe(400);
      expect((await put(closed, 'a.txt', alice.token)).status).toBe(403);
      expect((await put(open, 'anon.txt', undefined)).status).toBe(401);
      const meta = await t.call('getFile', {
        params: { path: { bucketName: open, filePath: 'a.txt' } },
        token: bob.token,
      });
      expect(meta.body).toMatchObject({ owner_id: alice.id, size: 16, content_type: 'text/plain' });
      const got = await op({ op: 'download', bucket: open, path: 'a.txt' }, bob.token);
      expect(Buffer.from(got.body.data.content_base64, 'base64').toString()).toBe('via the pipeline');
      expect((await op({ op: 'download', bucket: closed, path: 'a.txt' }, alice.token)).status).toBe(404);
    });
  },
  { storage: true },
);
