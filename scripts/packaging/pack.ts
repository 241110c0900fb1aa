/** Packs every public package of the workspace with `npm pack`, as a release would (prepack builds each). */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './run';

export const root = join(import.meta.dirname, '../..');

/** A public package: its name, folder and the tarball `npm pack` made. */
export interface Packed {
  name: string;
  dir: string;
  tarball: string;
}

/** The workspace's public packages: every packages/* whose package.json is not private. */
export function publicPackages(): { name: string; version: string; dir: string }[] {
  return readdirSync(join(root, 'packages'))
    .map((folder) => join(root, 'packages', folder))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({ name: pkg.name as string, version: pkg.version as string, dir }));
}

/** Packs each public package into `destination`; `npm pack` runs its `prepack` (the build). */
export async function packAll(destination: string): Promise<Packed[]> {
  mkdirSync(destination, { recursive: true });
  const packed: Packed[] = [];
  for (const { name, version, dir } of publicPackages()) {
    await mustRun('npm', ['pack', '--pack-destination', destination], { cwd: dir, timeoutMs: 180_000 });
    // npm's tarball name: the scope's `@` dropped, its `/` a dash.
    const filename = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
    packed.push({ name, dir, tarball: join(destination, filename) });
  }
  return packed;
}
