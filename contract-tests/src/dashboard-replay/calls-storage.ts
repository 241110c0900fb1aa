/**
 * The storage page and FileBrowser (`/storage/v1/...`, keys unencoded) and `storageService`
 * (keys encoded with `encodeURIComponent`, except `getPublicUrl`), reference §3.12.
 */
import { call, type ReplayCall } from './replay-call';
import type { Shape } from './shape';

const bucket: Shape = { name: 'string', public: 'boolean', created_at: 'string', updated_at: 'string' };
const file: Shape = {
  name: 'string',
  size: 'number',
  content_type: 'string',
  created_at: 'string',
  updated_at: 'string',
};
const enc = encodeURIComponent;
const blob = (reply: { body: unknown }) => (reply.body instanceof Uint8Array ? undefined : 'body: not bytes');

function form(name: string, text: string, path?: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([text], { type: 'text/plain' }), name);
  if (path !== undefined) data.append('path', path);
  return data;
}

/** The StoragePage (`/storage`) and the FileBrowser (`/storage/bucket/:name`). */
export const storagePageCalls: ReplayCall[] = [
  call('POST', '/storage/v1/buckets', (c) => {
    c.state.bucket = `files-${Date.now().toString(36)}`;
    return c.client.send('POST', '/storage/v1/buckets', { body: { name: c.state.bucket, public: true } });
  }),
  call('GET', '/storage/v1/buckets', (c) => c.client.send('GET', '/storage/v1/buckets'), [
    { name: 'string', public: 'boolean', created_at: 'string' },
  ]),
  call('POST', '/storage/v1/buckets/{bucketName}/files', (c) =>
    c.client.send('POST', `/storage/v1/buckets/${c.state.bucket}/files`, { form: form('hello.txt', 'hello') }),
  ),
  call(
    'GET',
    '/storage/v1/buckets/{bucketName}/files',
    (c) => c.client.send('GET', `/storage/v1/buckets/${c.state.bucket}/files`),
    [{ name: 'string', size: 'number', content_type: 'string', updated_at: 'string' }],
  ),
  call(
    'GET',
    '/storage/v1/buckets/{bucketName}/files/{fileName}',
    async (c) => {
      // A nested key, as the FileBrowser sends it: unencoded.
      await c.client.send('POST', `/storage/buckets/${c.state.bucket}/files`, {
        form: form('hello.txt', 'nested', 'folder/hello.txt'),
      });
      return c.client.send('GET', `/storage/v1/buckets/${c.state.bucket}/files/folder/hello.txt`, { blob: true });
    },
    undefined,
    blob,
  ),
  call('DELETE', '/storage/v1/buckets/{bucketName}/files/{fileName}', (c) =>
    c.client.send('DELETE', `/storage/v1/buckets/${c.state.bucket}/files/folder/hello.txt`),
  ),
];

/** `storageService`, in the order of a visit: buckets, files, folders, permissions, signed URLs, then clean-up. */
export const storageServiceCalls: ReplayCall[] = [
  call(
    'POST',
    '/storage/buckets',
    (c) => {
      c.state.serviceBucket = `svc-${Date.now().toString(36)}`;
      return c.client.send('POST', '/storage/buckets', { body: { name: c.state.serviceBucket, public: false } });
    },
    bucket,
  ),
  call('GET', '/storage/buckets', (c) => c.client.send('GET', '/storage/buckets'), [bucket]),
  call(
    'GET',
    '/storage/buckets/{bucketName}',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}`),
    bucket,
  ),
  call(
    'PATCH',
    '/storage/buckets/{bucketName}',
    (c) => c.client.send('PATCH', `/storage/buckets/${c.state.serviceBucket}`, { body: { public: true } }),
    bucket,
  ),
  call(
    'POST',
    '/storage/buckets/{bucketName}/files',
    async (c) => {
      const b = c.state.serviceBucket;
      const single = await c.client.send('POST', `/storage/buckets/${b}/files`, {
        form: form('notes.txt', 'notes', 'docs/notes.txt'),
      });
      if (single.status >= 300) return single;
      // bulkUpload: one request per file, the folder without a trailing slash.
      for (const name of ['one.txt', 'two.txt']) {
        const reply = await c.client.send('POST', `/storage/buckets/${b}/files`, { form: form(name, name, 'bulk') });
        if (reply.status >= 300 || reply.body?.path !== `bulk/${name}`)
          return { ...reply, status: reply.status >= 300 ? reply.status : 599 };
      }
      return single;
    },
    file,
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/files',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/files`, { query: { path: 'bulk' } }),
    [file],
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/files/{filePath}',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}`),
    file,
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/public/{filePath}',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/public/docs/notes.txt`, { blob: true }),
    undefined,
    blob,
  ),
  call(
    'POST',
    '/storage/buckets/{bucketName}/files/{filePath}/sign',
    (c) =>
      c.client.send('POST', `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}/sign`, {
        body: { expires_in: 3600 },
      }),
    { url: 'string', expires_at: 'string' },
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/files/{filePath}/signed-urls',
    async (c) => {
      const reply = await c.client.send(
        'GET',
        `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}/signed-urls`,
      );
      c.state.urlId = reply.body?.[0]?.id;
      return reply;
    },
    [{ id: 'string', url: 'string', expires_at: 'string', created_at: 'string' }],
  ),
  call('DELETE', '/storage/buckets/{bucketName}/files/{filePath}/signed-urls/{urlId}', (c) =>
    c.client.send(
      'DELETE',
      `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}/signed-urls/${c.state.urlId}`,
    ),
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/files/{filePath}/permissions',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}/permissions`),
    { public: 'boolean', allowed_roles: ['string'], owner_id: 'string' },
  ),
  call('PATCH', '/storage/buckets/{bucketName}/files/{filePath}/permissions', (c) =>
    c.client.send('PATCH', `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/notes.txt')}/permissions`, {
      body: { public: true, allowed_roles: ['user'] },
    }),
  ),
  call(
    'POST',
    '/storage/buckets/{bucketName}/files/move',
    (c) =>
      c.client.send('POST', `/storage/buckets/${c.state.serviceBucket}/files/move`, {
        body: { from: 'docs/notes.txt', to: 'docs/moved.txt' },
      }),
    file,
  ),
  call('POST', '/storage/buckets/{bucketName}/folders', (c) =>
    c.client.send('POST', `/storage/buckets/${c.state.serviceBucket}/folders`, { body: { path: 'photos' } }),
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/folders',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/folders`),
    ['string'],
  ),
  call(
    'GET',
    '/storage/buckets/{bucketName}/stats',
    (c) => c.client.send('GET', `/storage/buckets/${c.state.serviceBucket}/stats`),
    {
      total_files: 'number',
      total_size: 'number',
      quota_used: 'number',
      quota_limit: 'number',
    },
  ),
  call('GET', '/storage/quota', (c) => c.client.send('GET', '/storage/quota'), {
    used_bytes: 'number',
    limit_bytes: 'number',
    buckets_count: 'number',
    files_count: 'number',
  }),
  call('DELETE', '/storage/buckets/{bucketName}/folders/{folderPath}', (c) =>
    c.client.send('DELETE', `/storage/buckets/${c.state.serviceBucket}/folders/${enc('bulk')}`),
  ),
  call('POST', '/storage/buckets/{bucketName}/files/bulk-delete', (c) =>
    c.client.send('POST', `/storage/buckets/${c.state.serviceBucket}/files/bulk-delete`, {
      body: { paths: ['docs/moved.txt'] },
    }),
  ),
  call('DELETE', '/storage/buckets/{bucketName}/files/{filePath}', async (c) => {
    await c.client.send('POST', `/storage/buckets/${c.state.serviceBucket}/files`, {
      form: form('last.txt', 'last', 'docs/last.txt'),
    });
    return c.client.send('DELETE', `/storage/buckets/${c.state.serviceBucket}/files/${enc('docs/last.txt')}`);
  }),
  call('DELETE', '/storage/buckets/{bucketName}', async (c) => {
    const reply = await c.client.send('DELETE', `/storage/buckets/${c.state.serviceBucket}`);
    await c.client.send('DELETE', `/storage/buckets/${c.state.bucket}`);
    return reply;
  }),
];
