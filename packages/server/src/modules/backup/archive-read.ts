/**
 * Reads an archive entry by entry, streamed (gunzip, then tar-stream's extractor), and
 * refuses what could escape a directory or is not a plain file: absolute names, `..`
 * segments, backslashes, NUL bytes, links and devices. Every entry is hashed as it passes,
 * so checking an archive against its manifest costs one read.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

/** An archive that cannot be read or holds something it must not. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** Whether `name` is a safe relative entry name (never leaves the directory it is extracted to). */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return false;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((segment) => segment !== '..' && segment !== '.' && segment !== '');
}

async function* hashed(source: AsyncIterable<Buffer>, hash: Hash, counted: { size: number }) {
  for await (const chunk of source) {
    hash.update(chunk);
    counted.size += chunk.length;
    yield chunk;
  }
}

/** What was seen of one entry. */
export interface EntrySeen {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Calls `onEntry` with each file entry's bytes (it must consume them), and answers every
 * entry's size and checksum. Directory entries are skipped; anything else unsafe throws.
 */
export async function readArchive(
  path: string,
  onEntry: (name: string, bytes: Readable) => Promise<void>,
): Promise<EntrySeen[]> {
  const extract = tar.extract();
  const seen: EntrySeen[] = [];
  const reading = pipeline(createReadStream(path), createGunzip(), extract as never);
  reading.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type === 'directory') {
        entry.resume();
        continue;
      }
      if (type !== 'file')
        throw new ArchiveError(`The archive holds a ${type} entry (${name}); only files are allowed.`);
      if (!isSafeEntryName(name))
        throw new ArchiveError(`The archive holds an unsafe entry name: ${JSON.stringify(name)}.`);
      const hash = createHash('sha256');
      const counted = { size: 0 };
      const bytes = Readable.from(hashed(entry, hash, counted), { objectMode: false });
      await onEntry(name, bytes);
      await drain(bytes);
      seen.push({ path: name, size: counted.size, sha256: hash.digest('hex') });
    }
    await reading;
  } catch (error) {
    extract.destroy();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`The archive cannot be read: ${(error as Error).message}.`);
  }
  return seen;
}

/** Reads a stream to its end, keeping at most `limit` bytes (more is an ArchiveError). */
export async function readSmall(bytes: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of bytes) {
    total += chunk.length;
    if (total > limit) throw new ArchiveError(`An entry is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and discards a stream. */
export async function drain(bytes: Readable): Promise<void> {
  for await (const _ of bytes);
}
