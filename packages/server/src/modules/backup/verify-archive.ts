/**
 * Checks an archive against its manifest in one streamed read: it opens (gzip, tar), holds
 * only safe plain-file entries, has a manifest of a known format, and every entry's size
 * and SHA-256 match the manifest, with nothing missing or extra. Optionally extracts the
 * entries into a directory as it goes, so a restore reads and checks the archive once.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArchiveError, drain, type EntrySeen, readArchive, readSmall } from './archive-read';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type ArchiveManifest } from './manifest';

/** The outcome of a check. */
export interface Verification {
  manifest?: ArchiveManifest;
  errors: string[];
  warnings: string[];
}

const MANIFEST = 'manifest.json';
const MANIFEST_LIMIT = 64 * 1024 * 1024;

function parseManifest(bytes: Buffer): ArchiveManifest {
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveError('manifest.json is not valid JSON.');
  }
  if (manifest?.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.files))
    throw new ArchiveError('manifest.json is not a Lockstep backup manifest.');
  if (!(manifest.format_version <= ARCHIVE_FORMAT_VERSION))
    throw new ArchiveError(`The archive format ${manifest.format_version} is newer than this server reads.`);
  return manifest;
}

function compare(manifest: ArchiveManifest, seen: EntrySeen[]): string[] {
  const errors: string[] = [];
  const byPath = new Map(seen.map((e) => [e.path, e]));
  for (const file of manifest.files) {
    const entry = byPath.get(file.path);
    if (!entry) errors.push(`${file.path} is missing from the archive.`);
    else if (entry.size !== file.size || entry.sha256 !== file.sha256)
      errors.push(`Checksum mismatch in ${file.path}.`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const entry of seen)
    if (entry.path !== MANIFEST && !listed.has(entry.path)) errors.push(`${entry.path} is not in the manifest.`);
  return errors;
}

async function extractEntry(root: string, name: string, bytes: Readable): Promise<void> {
  const target = resolve(root, name);
  if (!target.startsWith(resolve(root) + sep)) throw new ArchiveError(`Unsafe entry name ${JSON.stringify(name)}.`);
  await mkdir(dirname(target), { recursive: true });
  await pipeline(bytes, createWriteStream(target));
}

/** Checks the archive at `path`; with `extractTo`, also writes its entries there. */
export async function verifyArchive(path: string, extractTo?: string): Promise<Verification> {
  let manifestBytes: Buffer | undefined;
  try {
    const seen = await readArchive(path, async (name, bytes) => {
      if (name === MANIFEST) manifestBytes = await readSmall(bytes, MANIFEST_LIMIT);
      else if (extractTo) await extractEntry(extractTo, name, bytes);
      else await drain(bytes);
    });
    if (!manifestBytes) return { errors: ['The archive has no manifest.json.'], warnings: [] };
    const manifest = parseManifest(manifestBytes);
    if (seen.filter((e) => e.path === MANIFEST).length > 1)
      return { manifest, errors: ['The archive holds two manifests.'], warnings: [] };
    return { manifest, errors: compare(manifest, seen), warnings: [] };
  } catch (error) {
    if (error instanceof ArchiveError) return { errors: [error.message], warnings: [] };
    throw error;
  }
}
