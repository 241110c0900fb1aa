/**
 * Writes an archive as it goes: a tar (tar-stream) piped through gzip into a file, one
 * entry at a time, each hashed (SHA-256) while it streams. Nothing is held in memory but
 * the chunk in flight. The caller writes the manifest last, from `files`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { ManifestFile } from './manifest';

/** One archive being written to `path`. */
export class ArchiveWriter {
  private readonly pack = tar.pack();
  private readonly written: Promise<void>;
  /** Entries written so far, with their sizes and checksums. */
  readonly files: ManifestFile[] = [];

  /** `level` is gzip's: 0 stores, 9 compresses most. */
  constructor(path: string, level: number) {
    this.written = pipeline(this.pack as unknown as Readable, createGzip({ level }), createWriteStream(path));
    this.written.catch(() => undefined);
  }

  /** Streams `source` (exactly `size` bytes) as the entry `name`. */
  async add(
    name: string,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    size: number,
  ): Promise<ManifestFile> {
    const hash = createHash('sha256');
    let ended: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      ended = resolve;
      failed = reject;
    });
    const entry = this.pack.entry({ name, size, mode: 0o600, mtime: new Date() }, (error) =>
      error ? failed(error) : ended(),
    );
    let seen = 0;
    for await (const chunk of source) {
      seen += chunk.length;
      hash.update(chunk);
      if (!entry.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)))
        await new Promise((resolve) => entry.once('drain', resolve));
    }
    if (seen !== size) throw new Error(`${name} changed while it was archived (${seen} bytes, expected ${size}).`);
    entry.end();
    await done;
    const file = { path: name, size, sha256: hash.digest('hex') };
    this.files.push(file);
    return file;
  }

  /** Writes a small entry held in memory (the manifest, settings). */
  addBytes(name: string, bytes: Buffer): Promise<ManifestFile> {
    return this.add(name, [bytes], bytes.length);
  }

  /** Ends the archive and waits until the file is on disk. */
  async finish(): Promise<void> {
    this.pack.finalize();
    await this.written;
  }

  /** Stops writing after a failure; the caller removes the file. */
  abort(error: Error): void {
    this.pack.destroy(error);
  }
}
