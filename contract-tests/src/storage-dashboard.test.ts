/**
 * The AeroDB dashboard's storage calls (reference §3.12), each made the way the dashboard
 * makes it, with the fields it reads ("Response expected") checked in the answer.
 */
import { expect, it } from 'vitest';
import { download, enc, people, storageSuite, upload } from './storage-support';

const fieldsOf = (value: object) => Object.keys(value);

storageSuite(import.meta.filename, 'storage: the dashboard’s calls', (t) => {
  it('storageService and the storage pages get every field they read', async () => {
    const { admin } = await people(t.client);
    const asAdmin = { token: admin.token };
    const bucket = `dash-${Date.now().toString(36)}`;
    // 3 createBucket {name, public} → Bucket; P2 the page's create.
    const created = await t.client.post('/storage/buckets', { name: bucket, public: true }, asAdmin);
    expect(created.body).toMatchObject({ name: bucket, public: true });
    expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(['name', 'public', 'created_at', 'updated_at']));
    expect(
      (await t.client.post('/storage/v1/buckets', { name: `${bucket}-page`, public: false }, asAdmin)).status,
    ).toBe(201);
    // 1 getBuckets → Bucket[]; P1 the page reads name, public, created_at.
    for (const path of ['/storage/buckets', '/storage/v1/buckets']) {
      const list = await t.client.get(path, asAdmin);
      expect(Array.isArray(list.body)).toBe(true);
      expect(list.body.find((b: { name: string }) => b.name === bucket)).toMatchObject({ public: true });
      for (const b of list.body) expect(fieldsOf(b)).toEqual(expect.arrayContaining(['name', 'public', 'created_at']));
    }
    // 2 getBucket, 5 updateBucket {public}.
    expect((await t.client.get(`/storage/buckets/${bucket}`, asAdmin)).body.name).toBe(bucket);
    expect((await t.client.patch(`/storage/buckets/${bucket}`, { public: false }, asAdmin)).body.public).toBe(false);
    await t.client.patch(`/storage/buckets/${bucket}`, { public: true }, asAdmin);
    // 14 createFolder {path}; 8 uploadFile: file, then path; bulkUpload: file, then a folder path.
    expect((await t.client.post(`/storage/buckets/${bucket}/folders`, { path: 'photos' }, asAdmin)).status).toBe(201);
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
    const listed = await t.client.get(`/storage/buckets/${bucket}/files?path=photos`, asAdmin);
    expect(listed.body.map((f: { name: string }) => f.name)).toEqual(['cat.png', 'dog.png']);
    const page = await t.client.get(`/storage/v1/buckets/${bucket}/files`, asAdmin);
    for (const f of page.body)
      expect(fieldsOf(f)).toEqual(expect.arrayContaining(['name', 'size', 'content_type', 'updated_at']));
    // 7 getFile → StorageFile JSON metadata (the key encoded with encodeURIComponent).
    const meta = await t.client.get(`/storage/buckets/${bucket}/files/${enc('photos/cat.png')}`, asAdmin);
    expect(meta.body).toMatchObject({ name: 'cat.png', path: 'photos/cat.png', content_type: 'image/png' });
    // P5 the file browser's download (name not encoded) → a Blob; 12 getPublicUrl (not encoded).
    expect((await download(t, `/storage/v1/buckets/${bucket}/files/readme.txt`, asAdmin)).bytes.toString()).toBe(
      'hello',
    );
    expect((await download(t, `/storage/buckets/${bucket}/public/readme.txt`)).status).toBe(200);
    // 11 createSignedUrl {expires_in} → {url, expires_at}; 19 listSignedUrls; 20 revokeSignedUrl.
    const key = enc('photos/cat.png');
    const signed = await t.client.post(`/storage/buckets/${bucket}/files/${key}/sign`, { expires_in: 3600 }, asAdmin);
    expect(fieldsOf(signed.body)).toEqual(expect.arrayContaining(['url', 'expires_at']));
    const urls = await t.client.get(`/storage/buckets/${bucket}/files/${key}/signed-urls`, asAdmin);
    expect(fieldsOf(urls.body[0])).toEqual(['id', 'url', 'expires_at', 'created_at']);
    expect(
      (await t.client.delete(`/storage/buckets/${bucket}/files/${key}/signed-urls/${urls.body[0].id}`, asAdmin)).status,
    ).toBe(204);
    // 17 getFilePermissions → {public, allowed_roles, owner_id}; 18 updateFilePermissions.
    expect(fieldsOf((await t.client.get(`/storage/buckets/${bucket}/files/${key}/permissions`, asAdmin)).body)).toEqual(
      ['public', 'allowed_roles', 'owner_id'],
    );
    expect(
      (await t.client.patch(`/storage/buckets/${bucket}/files/${key}/permissions`, { public: true }, asAdmin)).status,
    ).toBe(200);
    // 10 moveFile {from, to} → StorageFile.
    const moved = await t.client.post(
      `/storage/buckets/${bucket}/files/move`,
      { from: 'photos/dog.png', to: 'photos/puppy.png' },
      asAdmin,
    );
    expect(moved.body).toMatchObject({ path: 'photos/puppy.png', name: 'puppy.png' });
    // 15 listFolders ?prefix → string[].
    expect((await t.client.get(`/storage/buckets/${bucket}/folders`, asAdmin)).body).toEqual(['photos']);
    // 13 getBucketStats → {total_files, total_size, quota_used, quota_limit}.
    const stats = await t.client.get(`/storage/buckets/${bucket}/stats`, asAdmin);
    expect(stats.body).toMatchObject({ total_files: 3, quota_limit: null });
    expect(stats.body.total_size).toBe(stats.body.quota_used);
    // 22 getStorageQuota → {used_bytes, limit_bytes, buckets_count, files_count}.
    const quota = await t.client.get('/storage/quota', asAdmin);
    expect(fieldsOf(quota.body)).toEqual(['used_bytes', 'limit_bytes', 'buckets_count', 'files_count']);
    // 21 bulkDelete {paths}; 9 deleteFile; P6 the file browser's delete; 16 deleteFolder; 4 deleteBucket.
    expect(
      (await t.client.post(`/storage/buckets/${bucket}/files/bulk-delete`, { paths: ['photos/puppy.png'] }, asAdmin))
        .status,
    ).toBe(200);
    expect((await t.client.delete(`/storage/buckets/${bucket}/files/${key}`, asAdmin)).status).toBe(204);
    expect((await t.client.delete(`/storage/v1/buckets/${bucket}/files/readme.txt`, asAdmin)).status).toBe(204);
    expect((await t.client.delete(`/storage/buckets/${bucket}/folders/photos`, asAdmin)).status).toBe(204);
    expect((await t.client.delete(`/storage/buckets/${bucket}`, asAdmin)).status).toBe(204);
  });
});
