import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { isSafeEntryName } from './archive-read';
import { verifyArchive } from './verify-archive';

async function tarOf(entries: tar.Headers[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const header of entries) pack.entry(header, header.type === 'file' || !header.type ? 'x' : undefined);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return gzipSync(Buffer.concat(chunks));
}

describe('archive entry names', () => {
  it.each([
    ['database/tables/a.jsonl', true],
    ['manifest.json', true],
    ['../etc/passwd', false],
    ['a/../../b', false],
    ['/etc/passwd', false],
    ['C:/x', false],
    ['a\\b', false],
    ['a//b', false],
    ['./a', false],
    ['a\0b', false],
    ['', false],
  ])('%j is safe: %s', (name, safe) => expect(isSafeEntryName(name)).toBe(safe));

  it('refuses archives with escaping names or links, and writes nothing outside the target', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-archive-'));
    const target = join(root, 'out');
    const cases: tar.Headers[][] = [
      [{ name: '../escape.txt', size: 1 }],
      [{ name: '/abs.txt', size: 1 }],
      [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' }],
      [{ name: 'hard', type: 'link', linkname: 'manifest.json' }],
    ];
    for (const [i, entries] of cases.entries()) {
      const file = join(root, `${i}.tar.gz`);
      writeFileSync(file, await tarOf(entries));
      const check = await verifyArchive(file, target);
      expect(check.errors.length).toBe(1);
    }
    expect(readdirSync(root).filter((f) => !f.endsWith('.tar.gz') && f !== 'out')).toEqual([]);
  });

  it('refuses what is not a gzip tar, and a tar without a manifest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-archive-'));
    writeFileSync(join(root, 'junk'), 'not gzip');
    expect((await verifyArchive(join(root, 'junk'))).errors[0]).toMatch(/cannot be read/);
    writeFileSync(join(root, 'empty.tar.gz'), await tarOf([{ name: 'a.txt', size: 1 }]));
    expect((await verifyArchive(join(root, 'empty.tar.gz'))).errors).toEqual(['The archive has no manifest.json.']);
  });
});
