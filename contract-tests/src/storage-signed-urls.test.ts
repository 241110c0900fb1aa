import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { setupPeople } from './harness/fixtures';
import { contractSuite, type SuiteContext } from './harness/suite';
import { createBucket, download, enc, upload } from './storage-fixtures';

/** The path and query of an absolute signed URL, for the in-process target. */
function local(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

function withToken(url: string, change: (token: string) => string): string {
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return `${parsed.pathname}?token=${change(token)}`;
}

function flipLast(text: string): string {
  return text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
}

async function signingSecret(t: SuiteContext): Promise<Uint8Array | undefined> {
  return t.target.app?.services.storage.context.signingSecret;
}

contractSuite(
  import.meta.filename,
  'storage: signed URLs',
  (t) => {
    it('creates a URL that downloads without credentials, with ranges and entity tags', async () => {
      const { admin, alice } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      const stored = await upload(t, bucket, {
        token: admin.token,
        path: 'users/42/avatar.png',
        data: 'pixels',
        type: 'image/png',
      });
      const key = enc('users/42/avatar.png');
      const before = Date.now();
      const created = await t.call('createSignedUrl', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        body: { expires_in: 600 },
        token: admin.token,
      });
      expect(created.status).toBe(201);
      expect(created.body.url).toMatch(
        new RegExp(`^${t.target.baseUrl}/storage/v1/object/sign/${bucket}/${key}\\?token=`),
      );
      const expires = Date.parse(created.body.expires_at);
      expect(expires).toBeGreaterThanOrEqual(before + 598_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 601_000);
      const got = await download(t, local(created.body.url));
      expect(got.status).toBe(200);
      expect(got.bytes.toString()).toBe('pixels');
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('content-disposition')).toMatch(/^inline; filename="avatar.png"/);
      const part = await download(t, local(created.body.url), { headers: { range: 'bytes=1-2' } });
      expect(part.status).toBe(206);
      expect(part.bytes.toString()).toBe('ix');
      expect((await download(t, local(created.body.url), { headers: { range: 'bytes=50-' } })).status).toBe(416);
      const cached = await download(t, local(created.body.url), { headers: { 'if-none-match': stored.body.etag } });
      expect(cached.status).toBe(304);
      const byDefault = await t.call('createSignedUrl', {
        params: { path: { bucketName: bucket, filePath: 'users/42/avatar.png' } },
        token: admin.token,
      });
      expect(byDefault.status).toBe(201);
      expect(Date.parse(byDefault.body.expires_at) - Date.now()).toBeGreaterThan(3500_000);
      expect((await download(t, local(byDefault.body.url), { token: alice.token })).status).toBe(200);
    });

    it('lists the live URLs newest first and revokes one: it then answers 403', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'authenticated' });
      await upload(t, bucket, { token: alice.token, path: 'doc.txt' });
      await upload(t, bucket, { token: alice.token, path: 'other.txt' });
      const first = (
        await t.call('createSignedUrl', {
          params: { path: { bucketName: bucket, filePath: 'doc.txt' } },
          body: { expires_in: 60 },
          token: alice.token,
        })
      ).body;
      const second = (
        await t.call('createSignedUrl', {
          params: { path: { bucketName: bucket, filePath: 'doc.txt' } },
          body: { expires_in: 120 },
          token: bob.token,
        })
      ).body;
      const listed = await t.call('listSignedUrls', {
        params: { path: { bucketName: bucket, filePath: 'doc.txt' } },
        token: alice.token,
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('x-total-count')).toBe('2');
      expect(listed.body.map((u: { id: string }) => u.id)).toEqual([second.id, first.id]);
      expect(listed.body[1]).toEqual({ ...first, created_at: expect.any(String) });
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'doc.txt' }, query: { limit: 1, offset: 1 } },
            token: admin.token,
          })
        ).body[0].id,
      ).toBe(first.id);
      expect((await download(t, local(listed.body[0].url))).status).toBe(200);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'doc.txt', urlId: first.id } },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'doc.txt', urlId: first.id } },
            token: alice.token,
          })
        ).status,
      ).toBe(204);
      const revoked = await download(t, local(first.url));
      expect(revoked.status).toBe(403);
      expect(revoked.body).toMatchObject({ code: 'SIGNED_URL_INVALID', message: 'This signed URL has been revoked.' });
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'doc.txt' } },
            token: alice.token,
          })
        ).body.map((u: { id: string }) => u.id),
      ).toEqual([second.id]);
      expect((await download(t, local(second.url))).status).toBe(200);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'doc.txt', urlId: crypto.randomUUID() } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'other.txt', urlId: second.id } },
            token: alice.token,
          })
        ).status,
      ).toBe(404);
    });

    it('refuses tampered signatures, keys, buckets and expiries, and expired or malformed tokens (403)', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      const twin = await createBucket(t, admin, { policy: 'private' });
      for (const b of [bucket, twin]) {
        await upload(t, b, { token: admin.token, path: 'secret.txt' });
        await upload(t, b, { token: admin.token, path: 'other.txt' });
      }
      const signed = (
        await t.call('createSignedUrl', {
          params: { path: { bucketName: bucket, filePath: 'secret.txt' } },
          body: { expires_in: 60 },
          token: admin.token,
        })
      ).body;
      const [id, expiry, signature] = new URL(signed.url).searchParams.get('token')!.split('.');
      const forged = [
        withToken(signed.url, (tok) => flipLast(tok)),
        withToken(signed.url, () => `${id}.${expiry}.${flipLast(signature)}`),
        withToken(signed.url, () => `${id}.${Number(expiry) + 86400}.${signature}`),
        withToken(signed.url, () => `${crypto.randomUUID()}.${expiry}.${signature}`),
        local(signed.url).replace('/secret.txt?', '/other.txt?'),
        local(signed.url).replace(`/sign/${bucket}/`, `/sign/${twin}/`),
        withToken(signed.url, () => 'garbage'),
        withToken(signed.url, () => `${id}.${expiry}`),
      ];
      for (const path of forged) {
        const res = await download(t, path);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('SIGNED_URL_INVALID');
      }
      const secret = await signingSecret(t);
      if (secret) {
        const past = Math.floor(Date.now() / 1000) - 10;
        const message = [id, bucket, 'secret.txt', String(past)].join('\n');
        const mac = createHmac('sha256', secret).update(message).digest('base64url');
        const expired = await download(
          t,
          withToken(signed.url, () => `${id}.${past}.${mac}`),
        );
        expect(expired.status).toBe(403);
        expect(expired.body.message).toBe('This signed URL has expired.');
      }
      const short = (
        await t.call('createSignedUrl', {
          params: { path: { bucketName: bucket, filePath: 'other.txt' } },
          body: { expires_in: 1 },
          token: admin.token,
        })
      ).body;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await download(t, local(short.url))).body.message).toBe('This signed URL has expired.');
      expect((await download(t, local(signed.url))).status).toBe(200);
      expect((await download(t, `/storage/v1/object/sign/${bucket}/secret.txt`)).status).toBe(400);
      expect((await download(t, `/storage/v1/object/sign/${bucket}/${enc('../x')}?token=x`)).status).toBe(400);
    });

    it('stops a URL when its file moves or is deleted', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      await upload(t, bucket, { token: admin.token, path: 'a.txt' });
      await upload(t, bucket, { token: admin.token, path: 'b.txt' });
      const sign = async (key: string) =>
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: key } },
            body: {},
            token: admin.token,
          })
        ).body.url;
      const a = await sign('a.txt');
      const b = await sign('b.txt');
      await t.call('moveFile', {
        params: { path: { bucketName: bucket } },
        body: { from: 'a.txt', to: 'moved.txt' },
        token: admin.token,
      });
      expect((await download(t, local(a))).status).toBe(403);
      await upload(t, bucket, { token: admin.token, path: 'a.txt', data: 'new file at the old key' });
      expect((await download(t, local(a))).status).toBe(403);
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'moved.txt' } },
            token: admin.token,
          })
        ).body,
      ).toEqual([]);
      await t.call('deleteFile', { params: { path: { bucketName: bucket, filePath: 'b.txt' } }, token: admin.token });
      expect((await download(t, local(b))).status).toBe(403);
    });

    it('lets readers sign, owners and admins list and revoke; 401, 403, 404 and 400 otherwise', async () => {
      const { admin, alice, bob } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      await upload(t, bucket, { token: admin.token, path: 'a.txt' });
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' } },
            body: {},
            token: alice.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('createSignedUrl', { params: { path: { bucketName: bucket, filePath: 'a.txt' } }, body: {} }))
          .status,
      ).toBe(401);
      expect(
        (await t.call('listSignedUrls', { params: { path: { bucketName: bucket, filePath: 'a.txt' } } })).status,
      ).toBe(401);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt', urlId: crypto.randomUUID() } },
          })
        ).status,
      ).toBe(401);
      await t.call('updateFilePermissions', {
        params: { path: { bucketName: bucket, filePath: 'a.txt' } },
        body: { allowed_roles: ['user'] },
        token: admin.token,
      });
      const byAlice = await t.call('createSignedUrl', {
        params: { path: { bucketName: bucket, filePath: 'a.txt' } },
        body: { expires_in: 30 },
        token: alice.token,
      });
      expect(byAlice.status).toBe(201);
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' } },
            token: bob.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt', urlId: byAlice.body.id } },
            token: alice.token,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' } },
            token: admin.token,
          })
        ).body,
      ).toHaveLength(1);
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'missing.txt' } },
            body: {},
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'missing.txt' } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'missing.txt', urlId: byAlice.body.id } },
            token: admin.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' } },
            body: { expires_in: 0 },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' } },
            body: { expires_in: 604801 },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.raw.post(
            `/storage/buckets/${encodeURIComponent(bucket)}/files/a.txt/sign`,
            { other: 1 },
            { token: admin.token },
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('listSignedUrls', {
            params: { path: { bucketName: bucket, filePath: 'a.txt' }, query: { limit: 5000 } },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('revokeSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a.txt', urlId: 'not-a-uuid' } },
            token: admin.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: '..' } },
            body: {},
            token: admin.token,
          })
        ).status,
      ).toBeOneOf([400, 404]);
      expect(
        (
          await t.call('createSignedUrl', {
            params: { path: { bucketName: bucket, filePath: 'a/../b' } },
            body: {},
            token: admin.token,
          })
        ).status,
      ).toBe(400);
    });
  },
  { storage: true },
);

contractSuite(
  import.meta.filename,
  'storage: signed URLs point at the configured origin',
  (t) => {
    it('takes its origin from the server configuration, never from Host or X-Forwarded-Host', async () => {
      const { admin } = await setupPeople(t);
      const bucket = await createBucket(t, admin, { policy: 'private' });
      await upload(t, bucket, { token: admin.token, path: 'a.txt', data: 'a', type: 'text/plain' });
      // In process, the request's own URL can name another host; over a socket, only the headers can.
      const origin = t.target.app ? 'http://evil.example' : t.target.baseUrl;
      const request = new Request(`${origin}/storage/buckets/${bucket}/files/a.txt/sign`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin.token}`,
          'content-type': 'application/json',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
        },
        body: JSON.stringify({ expires_in: 60 }),
      });
      const res = await t.target.fetch(request);
      expect(res.status).toBe(201);
      const { url } = (await res.json()) as { url: string };
      expect(new URL(url).origin).toBe(t.target.baseUrl);
    });
  },
  { storage: true },
);
