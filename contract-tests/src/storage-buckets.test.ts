import { expect, it } from 'vitest';
import { signUpUser } from './harness/fixtures';
import { apiKey, bucketName, makeBucket, people, storageSuite, storedObjects, upload } from './storage-support';

const missing = 'no-such-bucket';

storageSuite(import.meta.filename, 'storage: buckets', (t) => {
  it('creates buckets from the dashboard body, the page body and with limits', async () => {
    const { admin } = await people(t.client);
    const asAdmin = { token: admin.token };
    const publicName = bucketName('pub');
    const created = await t.client.post('/storage/buckets', { name: publicName, public: true }, asAdmin);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: publicName,
      public: true,
      policy: 'public',
      file_count: 0,
      total_size: 0,
    });
    const page = await t.client.post('/storage/v1/buckets', { name: bucketName('page'), public: false }, asAdmin);
    expect(page.status).toBe(201);
    expect(page.body).toMatchObject({ public: false, policy: 'private' });
    const limited = await t.client.post(
      '/storage/buckets',
      {
        name: bucketName('docs'),
        policy: 'authenticated',
        max_file_size: 1000,
        allowed_mime_types: ['application/pdf', 'image/*'],
        quota_bytes: 5000,
      },
      asAdmin,
    );
    expect(limited.body).toMatchObject({
      public: false,
      policy: 'authenticated',
      file_size_limit: 1000,
      allowed_mime_types: ['application/pdf', 'image/*'],
      quota_bytes: 5000,
    });
    const byDefault = await t.client.post('/storage/buckets', { name: bucketName('def') }, asAdmin);
    expect(byDefault.body).toMatchObject({ policy: 'private', file_size_limit: null, allowed_mime_types: null });
  });

  it('lists buckets on both prefixes with X-Total-Count, limit and offset; reads one', async () => {
    const { admin } = await people(t.client);
    const name = await makeBucket(t.client, admin, { public: true });
    for (const prefix of ['/storage/buckets', '/storage/v1/buckets']) {
      const all = await t.client.get(prefix, { token: admin.token });
      expect(all.status).toBe(200);
      const total = Number(all.headers.get('x-total-count'));
      expect(total).toBe(all.body.length);
      const mine = all.body.find((b: { name: string }) => b.name === name);
      expect(mine).toMatchObject({ name, public: true });
      expect(mine.created_at).toBeTruthy();
      const paged = await t.client.get(`${prefix}?limit=1&offset=1`, { token: admin.token });
      expect(paged.body).toHaveLength(Math.min(1, total - 1));
      expect(paged.headers.get('x-total-count')).toBe(String(total));
    }
    const one = await t.client.get(`/storage/buckets/${name}`, { token: admin.token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name, policy: 'public', file_count: 0 });
  });

  it('updates a bucket the dashboard way (public) and the old way (policy, limits)', async () => {
    const { admin } = await people(t.client);
    const asAdmin = { token: admin.token };
    const name = await makeBucket(t.client, admin, { policy: 'authenticated' });
    const path = `/storage/buckets/${name}`;
    expect((await t.client.patch(path, { public: false }, asAdmin)).body.policy).toBe('authenticated');
    expect((await t.client.patch(path, { public: true }, asAdmin)).body).toMatchObject({
      public: true,
      policy: 'public',
    });
    expect((await t.client.patch(path, { public: false }, asAdmin)).body.policy).toBe('private');
    const limits = await t.client.patch(
      path,
      { max_file_size: 5242880, allowed_mime_types: ['image/png'], quota_bytes: 10_000_000 },
      asAdmin,
    );
    expect(limits.status).toBe(200);
    expect(limits.body).toMatchObject({
      file_size_limit: 5242880,
      allowed_mime_types: ['image/png'],
      quota_bytes: 1e7,
    });
    const cleared = await t.client.patch(path, { file_size_limit: null, allowed_mime_types: null }, asAdmin);
    expect(cleared.body).toMatchObject({ file_size_limit: null, allowed_mime_types: null, quota_bytes: 1e7 });
  });

  it('deletes a bucket with its files and their bytes', async () => {
    const { admin } = await people(t.client);
    const name = await makeBucket(t.client, admin);
    expect((await upload(t, name, { token: admin.token, path: 'a/b.txt' })).status).toBe(201);
    expect((await storedObjects(t)).some((k) => k.includes(`${name}/a/b.txt`))).toBe(true);
    expect((await t.client.delete(`/storage/buckets/${name}`, { token: admin.token })).status).toBe(204);
    expect((await t.client.get(`/storage/buckets/${name}`, { token: admin.token })).status).toBe(404);
    expect((await storedObjects(t)).some((k) => k.includes(`${name}/`))).toBe(false);
    const again = await t.client.post('/storage/buckets', { name }, { token: admin.token });
    expect(again.status).toBe(201);
    expect(again.body.file_count).toBe(0);
  });

  it('reports a bucket’s usage with the dashboard’s and the old backend’s fields, and the server’s', async () => {
    const { admin } = await people(t.client);
    const name = await makeBucket(t.client, admin, { quota_bytes: 100_000 });
    const empty = await t.client.get(`/storage/buckets/${name}/stats`, { token: admin.token });
    expect(empty.body).toEqual({
      total_files: 0,
      total_size: 0,
      quota_used: 0,
      quota_limit: 100_000,
      file_count: 0,
      largest_file: null,
    });
    await upload(t, name, { token: admin.token, path: 'small.txt', data: 'abc' });
    await upload(t, name, { token: admin.token, path: 'big/one.txt', data: 'x'.repeat(1000) });
    const stats = await t.client.get(`/storage/buckets/${name}/stats`, { token: admin.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      total_files: 2,
      total_size: 1003,
      quota_used: 1003,
      quota_limit: 100_000,
      file_count: 2,
      largest_file: { path: 'big/one.txt', size: 1000 },
    });
    const quota = await t.client.get('/storage/quota', { token: admin.token });
    expect(quota.status).toBe(200);
    expect(quota.body.limit_bytes).toBeNull();
    expect(quota.body.used_bytes).toBeGreaterThanOrEqual(1003);
    expect(quota.body.buckets_count).toBeGreaterThanOrEqual(1);
    expect(quota.body.files_count).toBeGreaterThanOrEqual(2);
    const listed = await t.client.get(`/storage/buckets/${name}`, { token: admin.token });
    expect(listed.body).toMatchObject({ file_count: 2, total_size: 1003 });
  });

  it('answers 409 for a taken name on both prefixes and 404 for an unknown bucket', async () => {
    const { admin } = await people(t.client);
    const asAdmin = { token: admin.token };
    const name = await makeBucket(t.client, admin);
    expect((await t.client.post('/storage/buckets', { name }, asAdmin)).status).toBe(409);
    const page = await t.client.post('/storage/v1/buckets', { name, public: true }, asAdmin);
    expect(page.status).toBe(409);
    expect(page.body.code).toBe('CONFLICT');
    expect((await t.client.get(`/storage/buckets/${missing}`, asAdmin)).status).toBe(404);
    expect((await t.client.patch(`/storage/buckets/${missing}`, { public: true }, asAdmin)).status).toBe(404);
    expect((await t.client.delete(`/storage/buckets/${missing}`, asAdmin)).status).toBe(404);
    expect((await t.client.get(`/storage/buckets/${missing}/stats`, asAdmin)).status).toBe(404);
  });

  it('answers 400 for invalid names, contradicting fields and bad pages', async () => {
    const { admin } = await people(t.client);
    const asAdmin = { token: admin.token };
    const name = await makeBucket(t.client, admin);
    const bad = [
      () => t.client.post('/storage/buckets', { name: 'Not Valid' }, asAdmin),
      () => t.client.post('/storage/buckets', { name: '../escape' }, asAdmin),
      () => t.client.post('/storage/buckets', { name: bucketName(), public: true, policy: 'private' }, asAdmin),
      () => t.client.post('/storage/buckets', { name: bucketName(), max_file_size: 10, file_size_limit: 20 }, asAdmin),
      () => t.client.post('/storage/buckets', { name: bucketName(), allowed_mime_types: ['not a type'] }, asAdmin),
      () => t.client.post('/storage/v1/buckets', { public: true }, asAdmin),
      () => t.client.post('/storage/buckets', {}, { ...asAdmin, raw: '{not json' }),
      () => t.client.patch(`/storage/buckets/${name}`, {}, asAdmin),
      () => t.client.patch(`/storage/buckets/${name}`, { policy: 'secret' }, asAdmin),
      () => t.client.patch(`/storage/buckets/${name}`, { public: true, policy: 'authenticated' }, asAdmin),
      () => t.client.get('/storage/buckets?limit=0', asAdmin),
      () => t.client.get('/storage/v1/buckets?offset=-1', asAdmin),
      () => t.client.get('/storage/buckets/UPPER', asAdmin),
      () => t.client.delete('/storage/buckets/UPPER', asAdmin),
      () => t.client.get('/storage/buckets/UPPER/stats', asAdmin),
    ];
    for (const call of bad) {
      const res = await call();
      expect(res.status).toBe(400);
    }
    expect((await t.client.get(`/storage/buckets/${name}`, asAdmin)).body.policy).toBe('private');
  });

  it('refuses plain users and their API keys (403), read-only admin keys (403) and anonymous callers (401)', async () => {
    const { admin } = await people(t.client);
    const user = await signUpUser(t.client);
    const name = await makeBucket(t.client, admin);
    const userKey = await apiKey(t.client, user, ['read', 'write']);
    const adminReadKey = await apiKey(t.client, admin, ['read']);
    const calls = (who: { token?: string; apiKey?: string }) => [
      () => t.client.get('/storage/buckets', who),
      () => t.client.post('/storage/buckets', { name: bucketName() }, who),
      () => t.client.get(`/storage/buckets/${name}`, who),
      () => t.client.patch(`/storage/buckets/${name}`, { public: true }, who),
      () => t.client.delete(`/storage/buckets/${name}`, who),
      () => t.client.get(`/storage/buckets/${name}/stats`, who),
      () => t.client.get('/storage/quota', who),
      () => t.client.get('/storage/v1/buckets', who),
      () => t.client.post('/storage/v1/buckets', { name: bucketName() }, who),
    ];
    for (const who of [{ token: user.token }, { apiKey: userKey }, { apiKey: adminReadKey }]) {
      for (const call of calls(who)) {
        const res = await call();
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
    for (const call of calls({})) expect((await call()).status).toBe(401);
    const adminKey = await apiKey(t.client, admin, ['read', 'write', 'admin']);
    expect((await t.client.get('/storage/buckets', { apiKey: adminKey })).status).toBe(200);
    expect((await t.client.get(`/storage/buckets/${name}`, { token: admin.token })).body.policy).toBe('private');
  });
});
