import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const hello = Buffer.from('Hello, Lockstep!').toString('base64');

function operationError(status: number, code: string) {
  return expect.objectContaining({
    success: false,
    status,
    code,
    error: { status, code, message: expect.any(String) },
  });
}

contractSuite(import.meta.filename, 'operation: upload and download through the storage module', (t) => {
  let admin: Person;
  let user: Person;
  let other: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    user = await signUpUser(t, 'op-files');
    other = await signUpUser(t, 'op-files-other');
    const buckets = [
      { name: 'op-docs', policy: 'authenticated' },
      { name: 'op-private', policy: 'private' },
      { name: 'op-images', policy: 'authenticated', allowed_mime_types: ['image/png'] },
      { name: 'op-tiny', policy: 'authenticated', file_size_limit: 4 },
    ] as const;
    for (const bucket of buckets) {
      const res = await t.call('createBucket', { body: bucket, token: admin.token });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  const run = (who: Person, body: Record<string, unknown>) =>
    t.call('executeOperation', { body: body, token: who.token });
  const upload = (who: Person, bucket: string, path: string, content = hello, type = 'text/plain') =>
    run(who, { op: 'upload', bucket, path, content_base64: content, content_type: type, metadata: { by: 'test' } });

  it('uploads a file and downloads the same bytes; the storage routes serve them too', async () => {
    const res = await upload(user, 'op-docs', 'notes/hello.txt');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      op: 'upload',
      data: {
        type: 'upload',
        bucket: 'op-docs',
        path: 'notes/hello.txt',
        content_type: 'text/plain',
        size: 16,
        status: 'stored',
      },
    });
    const down = await run(other, { op: 'download', bucket: 'op-docs', path: 'notes/hello.txt' });
    expect(down.status).toBe(200);
    expect(down.body).toEqual({
      success: true,
      op: 'download',
      data: {
        type: 'download',
        bucket: 'op-docs',
        path: 'notes/hello.txt',
        content_type: 'text/plain',
        size: 16,
        content_base64: hello,
      },
    });
    const viaRoute = await t.call('downloadFile', {
      params: { path: { bucketName: 'op-docs', filePath: 'notes/hello.txt' } },
      token: user.token,
    });
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.body).toBe('Hello, Lockstep!');
    const empty = await upload(user, 'op-docs', 'empty.txt', '');
    expect(empty.status).toBe(200);
    expect(empty.body.data.size).toBe(0);
    expect((await run(user, { op: 'download', bucket: 'op-docs', path: 'empty.txt' })).body.data.content_base64).toBe(
      '',
    );
  });

  it('never replaces a file: 409 for a path in use, and the bytes stay', async () => {
    expect((await upload(user, 'op-docs', 'keep.txt')).status).toBe(200);
    const again = await upload(user, 'op-docs', 'keep.txt', Buffer.from('other').toString('base64'));
    expect(again.status).toBe(409);
    expect(again.body).toEqual(operationError(409, 'CONFLICT'));
    expect((await run(user, { op: 'download', bucket: 'op-docs', path: 'keep.txt' })).body.data.content_base64).toBe(
      hello,
    );
  });

  it('applies the bucket’s rules: 403 for a private bucket, 415 for a refused type, 413 past its size limit', async () => {
    const privateUpload = await upload(user, 'op-private', 'a.txt');
    expect(privateUpload.status).toBe(403);
    expect(privateUpload.body).toEqual(operationError(403, 'FORBIDDEN'));
    expect((await upload(admin, 'op-private', 'secret.txt')).status).toBe(200);
    const privateRead = await run(user, { op: 'download', bucket: 'op-private', path: 'secret.txt' });
    expect(privateRead.status).toBe(403);
    expect(privateRead.body).toEqual(operationError(403, 'FORBIDDEN'));
    const wrongType = await upload(user, 'op-images', 'a.txt');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body).toEqual(operationError(415, 'UNSUPPORTED_MEDIA_TYPE'));
    const tooBig = await upload(user, 'op-tiny', 'big.txt');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toEqual(operationError(413, 'PAYLOAD_TOO_LARGE'));
    for (const path of ['a.txt', 'big.txt'])
      for (const bucket of ['op-private', 'op-images', 'op-tiny'])
        expect((await run(admin, { op: 'download', bucket, path })).status).toBe(404);
  });

  it('answers 413 for a file past the pipeline’s 10 MiB limit', async () => {
    const content = Buffer.alloc(10 * 1024 * 1024 + 1, 1).toString('base64');
    const res = await upload(user, 'op-docs', 'huge.bin', content, 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.body).toEqual(operationError(413, 'PAYLOAD_TOO_LARGE'));
    expect((await run(user, { op: 'download', bucket: 'op-docs', path: 'huge.bin' })).status).toBe(404);
  });

  it('answers 400 for malformed base64 and paths, 404 for unknown buckets and files', async () => {
    for (const content of ['abc', 'ab=c', 'YQ', 'YR==']) {
      const res = await upload(user, 'op-docs', 'bad.txt', content);
      expect(res.status, content).toBe(400);
      expect(res.body.code, content).toBe('VALIDATION_FAILED');
    }
    const own = await upload(user, 'op-docs', 'bad.txt', 'YQ');
    expect(own.body).toEqual(operationError(400, 'VALIDATION_FAILED'));
    expect((await upload(user, 'op-docs', '../escape.txt')).status).toBe(400);
    expect((await upload(user, 'op-docs', '/abs.txt')).status).toBe(400);
    const noBucket = await upload(user, 'op-ghost', 'a.txt');
    expect(noBucket.status).toBe(404);
    expect(noBucket.body).toEqual(operationError(404, 'NOT_FOUND'));
    const noFile = await run(user, { op: 'download', bucket: 'op-docs', path: 'missing.txt' });
    expect(noFile.status).toBe(404);
    expect(noFile.body).toEqual(operationError(404, 'NOT_FOUND'));
  });
});
