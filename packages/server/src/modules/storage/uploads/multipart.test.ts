import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../http/http-error';
import { LocalBackend } from '../../../storage/local-backend';
import { receiveMultipart } from './multipart';

const BOUNDARY = 'test-boundary';
let root: string;
let backend: LocalBackend;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lockstep-multipart-'));
  backend = new LocalBackend(root);
  await backend.init();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const staging = () => readdirSync(join(root, '.staging'));

function part(name: string, value: string, file?: { filename: string; type: string }): string {
  const disposition = file
    ? `form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}`
    : `form-data; name="${name}"`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n${value}\r\n`;
}

function request(
  body: string | ReadableStream<Uint8Array>,
  type = `multipart/form-data; boundary=${BOUNDARY}`,
): Request {
  return new Request('http://x/upload', {
    method: 'POST',
    headers: { 'content-type': type },
    body,
    duplex: 'half',
  } as RequestInit);
}

const stage = (stream: NodeJS.ReadableStream) => backend.stage(stream as never, { maxBytes: 1_000_000 });

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('receiveMultipart', () => {
  it('reads the file and the fields in either order, staging the file as it streams', async () => {
    for (const body of [
      part('file', 'hello', { filename: 'a.txt', type: 'Text/Plain' }) +
        part('path', 'docs/a.txt') +
        part('upsert', 'true') +
        part('metadata', '{"k":1}') +
        `--${BOUNDARY}--\r\n`,
      part('path', 'docs/a.txt') +
        part('upsert', 'true') +
        part('metadata', '{"k":1}') +
        part('file', 'hello', { filename: 'a.txt', type: 'Text/Plain' }) +
        `--${BOUNDARY}--\r\n`,
    ]) {
      const upload = await receiveMultipart(request(body), stage);
      expect(upload).toMatchObject({ path: 'docs/a.txt', upsert: true, metadata: { k: 1 } });
      expect(upload.file).toMatchObject({ filename: 'a.txt', contentType: 'text/plain' });
      expect(upload.file.staged.size).toBe(5);
      await upload.file.staged.commit('b', 'docs/a.txt');
    }
    expect(staging()).toEqual([]);
  });

  it('refuses a body that is not multipart (415) or has no boundary, no file or two files (400)', async () => {
    expect((await failure(receiveMultipart(request('{}', 'application/json'), stage))).status).toBe(415);
    expect((await failure(receiveMultipart(request('x', 'multipart/form-data; charset=utf-8'), stage))).status).toBe(
      400,
    );
    expect((await failure(receiveMultipart(request('x', 'multipart/form-data'), stage))).status).toBe(400);
    const noFile = `${part('path', 'a.txt')}--${BOUNDARY}--\r\n`;
    expect((await failure(receiveMultipart(request(noFile), stage))).message).toBe('body.file: is required');
    const two =
      part('file', 'one', { filename: 'a.txt', type: 'text/plain' }) +
      part('file', 'two', { filename: 'b.txt', type: 'text/plain' }) +
      `--${BOUNDARY}--\r\n`;
    expect((await failure(receiveMultipart(request(two), stage))).status).toBe(400);
    expect(staging()).toEqual([]);
  });

  it('refuses bad fields and discards the staged file', async () => {
    const file = part('file', 'hello', { filename: 'a.txt', type: 'text/plain' });
    for (const extra of [part('upsert', 'yes'), part('metadata', '[1]'), part('metadata', '{oops')]) {
      const error = await failure(receiveMultipart(request(`${file + extra}--${BOUNDARY}--\r\n`), stage));
      expect(error.code).toBe('VALIDATION_FAILED');
    }
    expect(staging()).toEqual([]);
  });

  it('stops at once when staging refuses the file, and keeps nothing', async () => {
    const refuse = async () => {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'no');
    };
    const body = part('file', 'x'.repeat(100_000), { filename: 'a.pdf', type: 'application/pdf' });
    expect((await failure(receiveMultipart(request(body), refuse))).status).toBe(415);
    const small = (stream: NodeJS.ReadableStream) => backend.stage(stream as never, { maxBytes: 10 });
    const error = await receiveMultipart(request(`${body}--${BOUNDARY}--\r\n`), small).catch((e) => e);
    expect(error.name).toBe('SizeLimitError');
    expect(staging()).toEqual([]);
  });

  it('answers 400 and keeps nothing when the body fails or ends mid-file', async () => {
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0)
          controller.enqueue(new TextEncoder().encode(part('file', '', { filename: 'a', type: 'x/y' }).slice(0, -2)));
        if (sent > 2_000_000) return controller.error(new Error('client went away'));
        sent += 65536;
        controller.enqueue(new Uint8Array(65536));
      },
    });
    const big = (stream: NodeJS.ReadableStream) => backend.stage(stream as never, { maxBytes: 1e9 });
    expect((await failure(receiveMultipart(request(failing), big))).status).toBe(400);
    const truncated = part('file', 'hello', { filename: 'a.txt', type: 'text/plain' }).slice(0, -10);
    expect((await failure(receiveMultipart(request(truncated), big))).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(staging()).toEqual([]);
  });
});
