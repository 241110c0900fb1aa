import { describe, expect, it } from 'vitest';
import { createClient } from '../client';
import { apiError, fakeFetch, json } from '../testing/fake-fetch';

const stored = { id: 'f1', name: 'me.png', path: 'users/42/me.png', size: 5 };

function setup(answer: Parameters<typeof fakeFetch>[0] = () => json(201, stored)) {
  const fetch = fakeFetch(answer);
  return { fetch, client: createClient({ url: 'http://api.test/base/', fetch, retry: false }) };
}

/** The parts of a multipart body: name, filename, content type and value. */
function parts(body: string) {
  const boundary = body.slice(2, body.indexOf('\r\n'));
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head, value] = part.split('\r\n\r\n');
      return {
        name: /name="([^"]*)"/.exec(head)?.[1],
        filename: /filename="([^"]*)"/.exec(head)?.[1],
        type: /Content-Type: (.*)/.exec(head)?.[1],
        value: value.slice(0, -2),
      };
    });
}

describe('client.storage.from(bucket).upload()', () => {
  it('posts the path, upsert and the file as multipart form data', async () => {
    const { fetch, client } = setup();
    const { data, error } = await client.storage
      .from('avatars')
      .upload('users/42/me.png', new Blob(['hello'], { type: 'image/png' }), { upsert: true });
    expect(error).toBeUndefined();
    expect(data).toEqual(stored);
    const [request] = fetch.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/base/storage/buckets/avatars/files' });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.headers.has('x-lockstep-upload')).toBe(false);
    expect(parts(request.body)).toEqual([
      { name: 'path', value: 'users/42/me.png' },
      { name: 'upsert', value: 'true' },
      { name: 'file', filename: 'me.png', type: 'image/png', value: 'hello' },
    ]);
  });

  it('takes bytes or text, with a content type', async () => {
    const { fetch, client } = setup();
    await client.storage.from('docs').upload('a.txt', 'text body', { contentType: 'text/plain' });
    await client.storage.from('docs').upload('b.bin', new Uint8Array([104, 105]));
    expect(parts(fetch.requests[0].body)[2]).toMatchObject({ type: 'text/plain', value: 'text body' });
    expect(parts(fetch.requests[1].body)[2]).toMatchObject({ type: 'application/octet-stream', value: 'hi' });
    expect(parts(fetch.requests[1].body)[1]).toEqual({ name: 'upsert', value: 'false' });
  });

  it('reports progress as the body is read, ending at the total', async () => {
    const { client } = setup();
    const seen: { loaded: number; total: number }[] = [];
    const file = new Blob([new Uint8Array(300_000)]);
    await client.storage.from('big').upload('zeros.bin', file, { onProgress: (p) => seen.push(p) });
    const total = seen[0].total;
    expect(total).toBeGreaterThan(300_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.loaded)).toEqual([...seen.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ loaded: total, total });
  });

  it('answers the server refusal as its error', async () => {
    const { client } = setup(() => apiError(409, 'CONFLICT', 'The file exists.'));
    const { error } = await client.storage.from('avatars').upload('me.png', new Blob(['x']));
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT' });
  });
});

describe('the other bucket methods', () => {
  it('download reads the file as a Blob', async () => {
    const { fetch, client } = setup(() => new Response('bytes', { headers: { 'content-type': 'image/png' } }));
    const { data } = await client.storage.from('avatars').download('users/42/me.png');
    expect(await data?.text()).toBe('bytes');
    expect(fetch.requests[0].path).toBe('/base/storage/buckets/avatars/files/users%2F42%2Fme.png/download');
  });

  it('list reads a folder with paging', async () => {
    const { fetch, client } = setup(() => json(200, [stored]));
    const { data } = await client.storage.from('avatars').list('users/42/', { limit: 10, offset: 20 });
    expect(data).toEqual([stored]);
    expect(fetch.requests[0].path).toBe('/base/storage/buckets/avatars/files?prefix=users%2F42%2F&limit=10&offset=20');
    await client.storage.from('avatars').list();
    expect(fetch.requests[1].path).toBe('/base/storage/buckets/avatars/files');
  });

  it('remove deletes by key in one request', async () => {
    const { fetch, client } = setup(() => json(200, { deleted: ['a', 'b'], failed: [] }));
    const { data } = await client.storage.from('avatars').remove(['a', 'b']);
    expect(data?.deleted).toEqual(['a', 'b']);
    expect(fetch.requests[0]).toMatchObject({
      method: 'POST',
      path: '/base/storage/buckets/avatars/files/bulk-delete',
    });
    expect(JSON.parse(fetch.requests[0].body)).toEqual({ paths: ['a', 'b'] });
  });

  it('createSignedUrl asks for a URL valid for expiresIn seconds', async () => {
    const signed = {
      id: 's1',
      url: 'http://api.test/storage/v1/object/sign/a/b?token=t',
      expires_at: '2026-12-04T12:00:00Z',
    };
    const { fetch, client } = setup(() => json(201, signed));
    const { data } = await client.storage.from('a').createSignedUrl('b', 600);
    expect(data?.url).toBe(signed.url);
    expect(fetch.requests[0]).toMatchObject({ method: 'POST', path: '/base/storage/buckets/a/files/b/sign' });
    expect(JSON.parse(fetch.requests[0].body)).toEqual({ expires_in: 600 });
  });

  it('getPublicUrl builds the URL without a request', () => {
    const { fetch, client } = setup();
    const { data } = client.storage.from('public assets').getPublicUrl('img/logo.svg');
    expect(data.publicUrl).toBe('http://api.test/base/storage/buckets/public%20assets/public/img/logo.svg');
    expect(fetch.requests).toHaveLength(0);
  });

  it('buckets are reached by operation', async () => {
    const { fetch, client } = setup(() => json(200, []));
    await client.storage.listBuckets();
    await client.storage.getQuota();
    expect(fetch.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /base/storage/buckets',
      'GET /base/storage/quota',
    ]);
  });
});
