import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
