import { expect, it } from 'vitest';
import { apiKey, enc, makeBucket, people, storageSuite, storedObjects, upload } from './storage-support';

storageSuite(import.meta.filename, 'storage: folders', (t) => {
  it('creates empty folders and lists direct subfolders, made and implied, with pages', async () => {
    const { admin, alice } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'authenticated' });
    const folders = `/storage/buckets/${bucket}/folders`;
    const created = await t.client.post(folders, { path: 'users/42/photos/' }, { token: alice.token });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ path: 'users/42/photos' });
    await t.client.post(folders, { path: 'empty' }, { token: alice.token });
    await upload(t, bucket, { token: alice.token, path: 'users/41/a.txt' });
    await upload(t, bucket, { token: alice.token, path: 'docs/x/y/z.txt' });
    await upload(t, bucket, { token: alice.token, path: 'root.txt' });
    const root = await t.client.get(folders, { token: alice.token });
    expect(root.status).toBe(200);
    expect(root.body).toEqual(['docs', 'empty', 'users']);
    expect(root.headers.get('x-total-count')).toBe('3');
    expect((await t.client.get(`${folders}?prefix=users`, { token: alice.token })).body).toEqual([
      'users/41',
      'users/42',
    ]);
    expect((await t.client.get(`${folders}?prefix=${enc('users/42')}`, { token: alice.token })).body).toEqual([
      'users/42/photos',
    ]);
    expect((await t.client.get(`${folders}?prefix=${enc('users/42/photos')}`, { token: alice.token })).body).toEqual(
      [],
    );
    const page = await t.client.get(`${folders}?limit=1&offset=1`, { token: alice.token });
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
    const { admin, alice } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'authenticated' });
    const folders = `/storage/buckets/${bucket}/folders`;
    await t.client.post(folders, { path: 'made' }, { token: alice.token });
    await upload(t, bucket, { token: alice.token, path: 'implied/a.txt' });
    await upload(t, bucket, { token: alice.token, path: 'file.txt' });
    for (const path of ['made', 'made/', 'implied', 'file.txt', 'file.txt/sub']) {
      const res = await t.client.post(folders, { path }, { token: alice.token });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
    }
    expect((await upload(t, bucket, { token: alice.token, path: 'file.txt/inner.txt' })).status).toBe(409);
    expect((await upload(t, bucket, { token: alice.token, path: 'made', filename: '' })).status).toBe(400);
  });

  it('deletes a folder with everything under it, at any depth, and its files’ bytes', async () => {
    const { admin, alice } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'authenticated' });
    const folders = `/storage/buckets/${bucket}/folders`;
    await t.client.post(folders, { path: 'trip/empty' }, { token: alice.token });
    await upload(t, bucket, { token: alice.token, path: 'trip/a.jpg' });
    await upload(t, bucket, { token: alice.token, path: 'trip/day1/b.jpg' });
    await upload(t, bucket, { token: alice.token, path: 'tripx.jpg' });
    const signed = await t.client.post(
      `/storage/buckets/${bucket}/files/${enc('trip/a.jpg')}/sign`,
      {},
      {
        token: alice.token,
      },
    );
    expect((await t.client.delete(`${folders}/trip`, { token: alice.token })).status).toBe(204);
    const left = await t.client.get(`/storage/buckets/${bucket}/files`, { token: alice.token });
    expect(left.body.map((f: { path: string }) => f.path)).toEqual(['tripx.jpg']);
    expect((await t.client.get(folders, { token: alice.token })).body).toEqual([]);
    expect((await storedObjects(t)).filter((k) => k.includes(`${bucket}/trip/`))).toEqual([]);
    const url = new URL(signed.body.url);
    expect((await t.client.get(url.pathname + url.search)).status).toBe(403);
    await t.client.post(folders, { path: 'only/empty' }, { token: alice.token });
    expect((await t.client.delete(`${folders}/${enc('only/empty')}`, { token: alice.token })).status).toBe(204);
    expect((await t.client.get(`${folders}?prefix=only`, { token: alice.token })).body).toEqual([]);
    expect((await t.client.delete(`${folders}/trip`, { token: alice.token })).status).toBe(404);
  });

  it('deletes all or nothing: 403 when a file under it is someone else’s', async () => {
    const { admin, alice, bob } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'authenticated' });
    await upload(t, bucket, { token: alice.token, path: 'shared/alice.txt' });
    await upload(t, bucket, { token: bob.token, path: 'shared/deep/bob.txt' });
    const res = await t.client.delete(`/storage/buckets/${bucket}/folders/shared`, { token: alice.token });
    expect(res.status).toBe(403);
    expect(
      (await t.client.get(`/storage/buckets/${bucket}/files?path=shared`, { token: alice.token })).body,
    ).toHaveLength(2);
    expect((await t.client.delete(`/storage/buckets/${bucket}/folders/shared`, { token: admin.token })).status).toBe(
      204,
    );
  });

  it('shows in private buckets only the folders holding files the caller may read', async () => {
    const { admin, alice } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'private' });
    await t.client.post(`/storage/buckets/${bucket}/folders`, { path: 'empty' }, { token: admin.token });
    await upload(t, bucket, { token: admin.token, path: 'hidden/a.txt' });
    await upload(t, bucket, { token: admin.token, path: 'shared/b.txt' });
    await t.client.patch(
      `/storage/buckets/${bucket}/files/${enc('shared/b.txt')}/permissions`,
      { allowed_roles: ['user'] },
      {
        token: admin.token,
      },
    );
    expect((await t.client.get(`/storage/buckets/${bucket}/folders`, { token: alice.token })).body).toEqual(['shared']);
    expect((await t.client.get(`/storage/buckets/${bucket}/folders`, { token: admin.token })).body).toEqual([
      'empty',
      'hidden',
      'shared',
    ]);
    expect(
      (await t.client.post(`/storage/buckets/${bucket}/folders`, { path: 'mine' }, { token: alice.token })).status,
    ).toBe(403);
    expect((await t.client.delete(`/storage/buckets/${bucket}/folders/empty`, { token: alice.token })).status).toBe(
      403,
    );
    expect((await t.client.delete(`/storage/buckets/${bucket}/folders/hidden`, { token: alice.token })).status).toBe(
      403,
    );
  });

  it('answers 401, 403 for read-only keys, 404 for unknown buckets and 400 for invalid paths', async () => {
    const { admin, alice } = await people(t.client);
    const bucket = await makeBucket(t.client, admin, { policy: 'authenticated' });
    const folders = `/storage/buckets/${bucket}/folders`;
    expect((await t.client.get(folders)).status).toBe(401);
    expect((await t.client.post(folders, { path: 'a' })).status).toBe(401);
    expect((await t.client.delete(`${folders}/a`)).status).toBe(401);
    const readOnly = await apiKey(t.client, alice, ['read']);
    expect((await t.client.get(folders, { apiKey: readOnly })).status).toBe(200);
    expect((await t.client.post(folders, { path: 'a' }, { apiKey: readOnly })).status).toBe(403);
    expect((await t.client.delete(`${folders}/a`, { apiKey: readOnly })).status).toBe(403);
    const unknown = '/storage/buckets/no-such/folders';
    expect((await t.client.get(unknown, { token: alice.token })).status).toBe(404);
    expect((await t.client.post(unknown, { path: 'a' }, { token: alice.token })).status).toBe(404);
    expect((await t.client.delete(`${unknown}/a`, { token: alice.token })).status).toBe(404);
    const bad = [
      () => t.client.post(folders, { path: '../up' }, { token: alice.token }),
      () => t.client.post(folders, { path: '/abs' }, { token: alice.token }),
      () => t.client.post(folders, {}, { token: alice.token }),
      () => t.client.get(`${folders}?prefix=${enc('a/../..')}`, { token: alice.token }),
      () => t.client.get(`${folders}?limit=0`, { token: alice.token }),
      () => t.client.delete(`${folders}/${enc('a/../../b')}`, { token: alice.token }),
      () => t.client.delete(`${folders}/${enc('%2e%2e%2fb')}`, { token: alice.token }),
    ];
    for (const call of bad) expect((await call()).status).toBe(400);
  });
});
