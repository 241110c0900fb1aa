/**
 * Installs packed tarballs into a new project outside the workspace (no links, no `source`
 * condition), the way a user's `npm install` would: dependencies from the registry, cache first.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Packed } from './pack';
import { mustRun } from './run';

/**
 * better-sqlite3 has no prebuilt binary reachable here and compiles for ~140 s on each clean
 * install. The workspace compiled the same version for this Node already, so it is handed to
 * prebuild-install as a local prebuild (its documented `npm_config_<pkg>_local_prebuilds`): the
 * same install, without the compile. Without a workspace binary, npm compiles it as usual.
 */
async function localPrebuild(into: string): Promise<NodeJS.ProcessEnv> {
  const require = createRequire(join(import.meta.dirname, '../../packages/server/package.json'));
  const dir = dirname(require.resolve('better-sqlite3/package.json'));
  if (!existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return {};
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const { modules, platform, arch } = { modules: process.versions.modules, ...process };
  const file = join(into, `better-sqlite3-v${version}-node-v${modules}-${platform}-${arch}.tar.gz`);
  mkdirSync(into, { recursive: true });
  await mustRun('tar', ['-czf', file, 'build/Release/better_sqlite3.node'], { cwd: dir });
  return { npm_config_better_sqlite3_local_prebuilds: into };
}

/** Creates `project` with a package.json and installs the tarballs into it. */
export async function installTarballs(project: string, packed: Packed[]): Promise<void> {
  mkdirSync(project, { recursive: true });
  const manifest = { name: 'lockstep-packaging-check', version: '0.0.0', private: true };
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  const prebuild = await localPrebuild(join(project, '.prebuilds'));
  const tarballs = packed.map((p) => p.tarball);
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: project,
    env: { ...process.env, ...prebuild },
    timeoutMs: 300_000,
  });
}
