import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectNotFoundError, UnsafeKeyError } from './backend';
import { backendSuite } from './backend-suite';
import { LocalBackend } from './local-backend';

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

backendSuite('local', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-local-backend-'));
  return {
    backend: new LocalBackend(root),
    leftovers: async () => filesUnder(root),
    stop: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('LocalBackend: the file system', () => {
  it('never follows a symbolic link out of the bucket', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-local-symlink-'));
    const outside = mkdtempSync(join(tmpdir(), 'lockstep-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    const backend = new LocalBackend(root);
    await backend.init();
    mkdirSync(join(root, 'b'), { recursive: true });
    symlinkSync(outside, join(root, 'b', 'link'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'b', 'file-link'));
    await expect(backend.get('b', 'link/secret.txt')).rejects.toBeInstanceOf(UnsafeKeyError);
    await expect(backend.get('b', 'file-link')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(backend.delete('b', 'link/secret.txt')).rejects.toBeInstanceOf(UnsafeKeyError);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('LocalBackend: staging left by a crash', () => {
  it('removes staged files a killed upload left behind at start-up, and keeps a live one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-local-staging-'));
    mkdirSync(join(root, '.staging'), { recursive: true });
    const orphan = join(root, '.staging', 'orphan');
    const live = join(root, '.staging', 'live');
    writeFileSync(orphan, 'cut short');
    writeFileSync(live, 'being written');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(orphan, twoMinutesAgo, twoMinutesAgo);
    const backend = new LocalBackend(root);
    await backend.init();
    expect(filesUnder(root)).toEqual(['.staging/live']);
    expect(await backend.sweepStaging(0)).toBe(1);
    expect(filesUnder(root)).toEqual([]);
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });
});
