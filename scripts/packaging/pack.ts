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

/**
 * Packs each public package into `destination`; `npm pack` runs its `prepack` (the build). The
 * packs run side by side: each builds its own folder, and the builds read their workspace
 * dependencies from source (the `source` condition), never another package's dist.
 */
export function packAll(destination: string): Promise<Packed[]> {
  mkdirSync(destination, { recursive: true });
  return Promise.all(
    publicPackages().map(async ({ name, version, dir }) => {
      await mustRun('npm', ['pack', '--pack-destination', destination], { cwd: dir, timeoutMs: 180_000 });
      // npm's tarball name: the scope's `@` dropped, its `/` a dash.
      const filename = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
      return { name, dir, tarball: join(destination, filename) };
    }),
  );
}
