/**
 * File keys are paths: a key that ends the URL (`x-lockstep-path-tail`) may be sent with its
 * slashes as they are, as the dashboard's FileBrowser and `getPublicUrl` send it, or
 * encoded; fixed-length routes (`…/{filePath}/sign`) still win; unencoded traversal is
 * refused like encoded traversal; and a bulk upload into a folder named without a slash
 * puts every file inside it.
 */
import { expect, it } from 'vitest';
import { setupPeople } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { createBucket, download, listStoredObjects, upload } from './storage-fixtures';

/** Traversal sent unencoded in the tail: the URL parser may collapse dot segments, the key rules refuse the rest. */
const unencodedCorpus = [
  '../outside.txt',
  'a/../../outside.txt',
  'a/./b.txt',
  'a//b.txt',
  'a\\b.txt',
  '%2e%2e/outside.txt',
  '..%2foutside.txt',
  '%252e%252e%252foutside.txt',
  '\uff0e\uff0e/outside.txt',
  'trailing/',
];

contractSuite(
  import.meta.filename,
  'storage: nested keys in the path',
  (t) => {
    it('serves, downloads and deletes a nested key sent unencoded or encoded on every tail route', async () => {
      const { admin } = await setupPeople(t);
      const as = { token: admin.token };
      const bucket = await createBucket(t, admin, { public: true });
      const key = 'folder/sub/hello.txt';
      expect((await upload(t, bucket, { ...as, path: key, data: 'nested' })).status).toBe(201);
      for (const sent of [key, encodeURIComponent(key)]) {
        const meta = await t.raw.get(`/storage/buckets/${bucket}/files/${sent}`, as);
        expect(meta.status, sent).toBe(200);
        expect(meta.body).toMatchObject({ path: key, name: 'hello.txt' });
        for (const path of [
          `/storage/buckets/${bucket}/public/${sent}`,
          `/storage/v1/buckets/${bucket}/files/${sent}`,
        ]) {
          const got = await download(t, path, as);
          expect(got.status, path).toBe(200);
          expect(got.bytes.toString()).toBe('nested');
        }
      }
      expect((await t.raw.delete(`/storage/v1/buckets/${bucket}/files/${key}`, as)).status).toBe(204);
      expect((await upload(t, bucket, { ...as, path: key, data: 'again' })).status).toBe(201);
      expect((await t.raw.delete(`/storage/buckets/${bucket}/files/${key}`, as)).status).toBe(204);
      expect((await upload(t, bucket, { ...as, path: key, data: 'again' })).status).toBe(201);
      expect((await t.raw.delete(`/storage/buckets/${bucket}/folders/folder/sub`, as)).status).toBe(204);
      expect((await t.raw.get(`/storage/buckets/${bucket}/files/${key}`, as)).status).toBe(404);
    });

    it('lets fixed-length routes win over a tail: a.txt/sign signs, a.txt/permissions reads permissions', async () => {
      const { admin } = await setupPeople(t);
      const as = { token: admin.token };
      const bucket = await createBucket(t, admin, { public: true });
      await upload(t, bucket, { ...as, path: 'a.txt', data: 'a' });
      const signed = await t.raw.post(`/storage/buckets/${bucket}/files/a.txt/sign`, { expires_in: 60 }, as);
      expect(signed.status).toBe(201);
      expect(typeof signed.body.url).toBe('string');
      const permissions = await t.raw.get(`/storage/buckets/${bucket}/files/a.txt/permissions`, as);
      expect(permissions.status).toBe(200);
      expect(permissions.body).toMatchObject({ public: false });
      const moved = await t.raw.post(`/storage/buckets/${bucket}/files/move`, { from: 'a.txt', to: 'b.txt' }, as);
      expect(moved.status).toBe(200);
    });

    it('refuses traversal sent unencoded in a tail, and touches nothing', async () => {
      const { admin } = await setupPeople(t);
      const as = { token: admin.token };
      const bucket = await createBucket(t, admin, { public: true });
      await upload(t, bucket, { ...as, path: 'a.txt', data: 'inside' });
      const before = await listStoredObjects(t);
      for (const key of unencodedCorpus) {
        const paths = [
          `/storage/buckets/${bucket}/files/${key}`,
          `/storage/buckets/${bucket}/public/${key}`,
          `/storage/v1/buckets/${bucket}/files/${key}`,
          `/storage/v1/object/sign/${bucket}/${key}?token=x`,
        ];
        for (const path of paths) {
          const status = (await download(t, path, as)).status;
          expect([400, 403, 404], `GET ${path} answered ${status}`).toContain(status);
        }
        for (const path of [
          `/storage/buckets/${bucket}/files/${key}`,
          `/storage/v1/buckets/${bucket}/files/${key}`,
          `/storage/buckets/${bucket}/folders/${key}`,
        ]) {
          const status = (await t.raw.delete(path, as)).status;
          expect([400, 404, 405], `DELETE ${path} answered ${status}`).toContain(status);
        }
      }
      expect(await listStoredObjects(t)).toEqual(before);
      expect((await download(t, `/storage/buckets/${bucket}/files/a.txt/download`, as)).bytes.toString()).toBe(
        'inside',
      );
    });

    it('puts every file of a bulk upload with path=bulk (no slash) inside the folder bulk', async () => {
      const { admin } = await setupPeople(t);
      const as = { token: admin.token };
      const bucket = await createBucket(t, admin);
      for (const filename of ['one.txt', 'two.txt', 'three.md']) {
        const res = await upload(t, bucket, { ...as, filename, path: 'bulk' });
        expect(res.status, filename).toBe(201);
        expect(res.body.path).toBe(`bulk/${filename}`);
      }
      // A full key is still a key: the last segment has an extension, or equals the filename.
      expect((await upload(t, bucket, { ...as, filename: 'x.png', path: 'users/42/avatar.png' })).body.path).toBe(
        'users/42/avatar.png',
      );
      expect((await upload(t, bucket, { ...as, filename: 'README', path: 'docs/README' })).body.path).toBe(
        'docs/README',
      );
    });
  },
  { storage: false },
);
