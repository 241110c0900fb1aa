/**
 * One test suite for every backend: the same behaviour is asserted on the local file
 * system and on S3 (s3rver). Each backend test file calls `backendSuite`.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectNotFoundError, SizeLimitError, type StorageBackend, UnsafeKeyError } from './backend';

/** What a backend test file provides: a fresh backend, and everything it holds on its medium. */
export interface BackendFixture {
  backend: StorageBackend;
  /** Every stored object or file, staging included, as paths relative to the backend's root. */
  leftovers(): Promise<string[]>;
  stop(): Promise<void>;
}

const MB = 1024 * 1024;

function bytes(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

function md5(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A stream of `size` bytes that fails after `failAt` bytes, as an aborted upload does. */
function failingStream(size: number, failAt: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= failAt) {
        this.destroy(new Error('client went away'));
        return;
      }
      const chunk = Math.min(64 * 1024, size - sent, failAt - sent);
      sent += chunk;
      this.push(bytes(chunk));
    },
  });
}

/** Declares the shared suite for the backend `name`. */
export function backendSuite(name: string, start: () => Promise<BackendFixture>): void {
  describe(`storage backend: ${name}`, () => {
    let f: BackendFixture;
    beforeAll(async () => {
      f = await start();
      await f.backend.init();
    });
    afterAll(async () => {
      await f.backend.close();
      await f.stop();
    });

    it('puts and gets an object: bytes, size and MD5 etag', async () => {
      const data = bytes(300_000);
      const stored = await f.backend.put('b1', 'users/42/avatar.png', Readable.from([data]), {
        maxBytes: MB,
        contentType: 'image/png',
      });
      expect(stored).toEqual({ size: data.length, etag: md5(data) });
      expect((await readAll(await f.backend.get('b1', 'users/42/avatar.png'))).equals(data)).toBe(true);
      expect(await f.backend.head('b1', 'users/42/avatar.png')).toEqual({ size: data.length });
    });

    it('puts an object larger than one multipart part intact', async () => {
      const data = bytes(9 * MB + 17, 11);
      const stored = await f.backend.put(
        'b1',
        'big/video.bin',
        Readable.from([data.subarray(0, 3 * MB), data.subarray(3 * MB)]),
        {
          maxBytes: 20 * MB,
        },
      );
      expect(stored).toEqual({ size: data.length, etag: md5(data) });
      expect(md5(await readAll(await f.backend.get('b1', 'big/video.bin')))).toBe(md5(data));
      await f.backend.delete('b1', 'big/video.bin');
    });

    it('reads a byte range', async () => {
      const data = bytes(10_000, 3);
      await f.backend.put('b1', 'range.bin', Readable.from([data]), { maxBytes: MB });
      const part = await readAll(await f.backend.get('b1', 'range.bin', { start: 100, end: 199 }));
      expect(part.equals(data.subarray(100, 200))).toBe(true);
    });

    it('stores an empty object and keys with spaces and Unicode', async () => {
      await f.backend.put('b1', 'empty.txt', Readable.from([Buffer.alloc(0)]), { maxBytes: 10 });
      expect(await f.backend.head('b1', 'empty.txt')).toEqual({ size: 0 });
      await f.backend.put('b1', 'docs/résumé 2026.pdf', Readable.from([bytes(10)]), { maxBytes: 10 });
      expect(await f.backend.list('b1', 'docs/')).toEqual(['docs/résumé 2026.pdf']);
    });

    it('refuses an object over maxBytes and keeps nothing', async () => {
      const before = await f.leftovers();
      await expect(
        f.backend.put('b2', 'big.bin', Readable.from([bytes(MB), bytes(MB)]), { maxBytes: MB + 10 }),
      ).rejects.toBeInstanceOf(SizeLimitError);
      expect(await f.backend.head('b2', 'big.bin')).toBeUndefined();
      expect(await f.leftovers()).toEqual(before);
    });

    it('keeps nothing when the upload stream fails mid-way (small and multipart-sized)', async () => {
      const before = await f.leftovers();
      for (const [size, failAt] of [
        [MB, 200_000],
        [40 * MB, 20 * MB],
      ]) {
        await expect(
          f.backend.put('b2', 'broken.bin', failingStream(size, failAt), { maxBytes: 100 * MB }),
        ).rejects.toThrow('client went away');
      }
      expect(await f.backend.head('b2', 'broken.bin')).toBeUndefined();
      expect(await f.leftovers()).toEqual(before);
      expect(await f.backend.inventory()).toEqual(before);
    });

    it('stages invisibly, then commits or discards', async () => {
      const before = await f.leftovers();
      const staged = await f.backend.stage(Readable.from([bytes(1000)]), { maxBytes: MB });
      expect(await f.backend.list('b3')).toEqual([]);
      await staged.commit('b3', 'a/kept.bin');
      expect(await f.backend.list('b3')).toEqual(['a/kept.bin']);
      const dropped = await f.backend.stage(Readable.from([bytes(1000)]), { maxBytes: MB });
      await dropped.discard();
      await dropped.discard();
      expect(await f.leftovers()).toEqual([...before, 'b3/a/kept.bin'].sort());
      await f.backend.deleteBucket('b3');
    });

    it('replaces an object on a second put', async () => {
      await f.backend.put('b1', 'replace.txt', Readable.from([Buffer.from('one')]), { maxBytes: MB });
      await f.backend.put('b1', 'replace.txt', Readable.from([Buffer.from('second')]), { maxBytes: MB });
      expect((await readAll(await f.backend.get('b1', 'replace.txt'))).toString()).toBe('second');
    });

    it('copies, moves, deletes (idempotently) and lists by prefix', async () => {
      await f.backend.put('b4', 'src/a.txt', Readable.from([Buffer.from('alpha')]), { maxBytes: MB });
      await f.backend.copy('b4', 'src/a.txt', 'copy/a.txt');
      await f.backend.move('b4', 'src/a.txt', 'moved/deep/a.txt');
      expect(await f.backend.list('b4')).toEqual(['copy/a.txt', 'moved/deep/a.txt']);
      expect((await readAll(await f.backend.get('b4', 'moved/deep/a.txt'))).toString()).toBe('alpha');
      expect(await f.backend.list('b4', 'moved/')).toEqual(['moved/deep/a.txt']);
      await f.backend.delete('b4', 'copy/a.txt');
      await f.backend.delete('b4', 'copy/a.txt');
      expect(await f.backend.list('b4')).toEqual(['moved/deep/a.txt']);
      await expect(f.backend.copy('b4', 'missing.txt', 'x.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('answers ObjectNotFoundError and undefined for a missing object', async () => {
      await expect(f.backend.get('b1', 'nope.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(f.backend.get('no-such-bucket', 'nope.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await f.backend.head('b1', 'nope/deeper.txt')).toBeUndefined();
    });

    it('deletes a bucket with everything in it, and no other bucket', async () => {
      await f.backend.put('b5', 'x/y.txt', Readable.from([Buffer.from('y')]), { maxBytes: MB });
      await f.backend.put('b50', 'z.txt', Readable.from([Buffer.from('z')]), { maxBytes: MB });
      await f.backend.deleteBucket('b5');
      expect(await f.backend.list('b5')).toEqual([]);
      expect(await f.backend.list('b50')).toEqual(['z.txt']);
    });

    it.each([
      '../escape.txt',
      'a/../../escape.txt',
      '/etc/passwd',
      '..\\escape.txt',
      'a\u0000b',
      '%2e%2e%2fescape',
      '\uff0e\uff0e/escape',
      'x'.repeat(1025),
    ])('refuses the unsafe key %j on every operation', async (key) => {
      const before = await f.leftovers();
      const body = () => Readable.from([Buffer.from('x')]);
      await expect(f.backend.put('b6', key, body(), { maxBytes: MB })).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(f.backend.get('b6', key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(f.backend.head('b6', key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(f.backend.delete('b6', key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(f.backend.copy('b1', 'range.bin', key)).rejects.toBeInstanceOf(UnsafeKeyError);
      expect(await f.leftovers()).toEqual(before);
    });

    it('refuses an invalid bucket name', async () => {
      await expect(f.backend.list('../b1')).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(f.backend.deleteBucket('..')).rejects.toBeInstanceOf(UnsafeKeyError);
    });
  });
}
