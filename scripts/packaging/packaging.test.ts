/**
 * The packages as npm users get them: every public package is packed, the tarballs are
 * installed into a new project outside the workspace, and the server, the CLI and the SDK are
 * used from there (no workspace links, no `source` condition). Then publint and attw judge
 * every tarball.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operations } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attwPolicy, publintArgs } from './checks';
import { tsconfigs, writeConsumers } from './consumers';
import { installTarballs } from './install';
import { type Packed, packAll, publicPackages, root } from './pack';
import { run } from './run';
import { type Served, serve } from './serve';

const work = mkdtempSync(join(tmpdir(), 'lockstep-packaging-'));
const app = join(work, 'app');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const lockstep = (...args: string[]) => run(join(app, 'node_modules/.bin/lockstep'), args, { cwd: app });
let packed: Packed[] = [];
let served: Served | undefined;

beforeAll(async () => {
  packed = await packAll(join(work, 'tarballs'));
  await installTarballs(app, packed);
  writeConsumers(app);
  served = await serve(app, join(work, 'data'));
}, 420_000);

afterAll(async () => {
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

const tarball = (name: string) => packed.find((p) => p.name === name)!.tarball;
const names = publicPackages().map((p) => p.name);

describe('every public package', { timeout: 60_000 }, () => {
  it('is packed', () => {
    expect(packed.map((p) => p.name).sort()).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['@lockstep/sdk', '@lockstep/server', '@lockstep/cli']));
  });

  // publint, attw and tsc are child processes: each package's (and each resolution's) run side by side.
  it.concurrent.each(names)('%s passes publint', async (name) => {
    const result = await run(bin('publint'), ['run', tarball(name), ...publintArgs], { cwd: work });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('All good');
  });

  it.concurrent.each(names)('%s passes attw (or is excused in checks.ts)', async (name) => {
    const policy = attwPolicy[name];
    expect(policy, `${name} needs an attw policy in scripts/packaging/checks.ts`).toBeDefined();
    if (policy.args === null) return;
    const result = await run(bin('attw'), [tarball(name), '--format', 'ascii', '--no-color', ...policy.args], {
      cwd: work,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it.each(names)('%s ships a README, a LICENSE and its metadata', (name) => {
    const dir = join(app, 'node_modules', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/```sh\nnpm install/);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/MIT License/);
    expect(pkg).toMatchObject({ license: 'MIT', engines: { node: expect.any(String) } });
    expect(pkg.repository).toMatchObject({ directory: `packages/${name.split('/')[1]}` });
    expect(pkg.sideEffects ?? pkg.bin).toBeDefined();
  });
});

describe('lockstep serve, from the installed bin', { timeout: 60_000 }, () => {
  it('answers /health, /openapi.json and /docs', async () => {
    const url = served!.url;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const spec = await (await fetch(`${url}/openapi.json`)).json();
    const served_ = Object.values(spec.paths as Record<string, object>).flatMap((item) => Object.keys(item));
    expect(served_.length).toBeGreaterThanOrEqual(Object.keys(operations).length);
    const docs = await fetch(`${url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('"operationId":"getHealth"');
  });
});

describe('the lockstep commands against it', { timeout: 60_000 }, () => {
  it('audit reads a frontend and probes the backend', async () => {
    const frontend = join(app, 'frontend');
    mkdirSync(frontend, { recursive: true });
    writeFileSync(join(frontend, 'api.ts'), "export const health = () => fetch('/health');\n");
    const result = await lockstep('audit', frontend, '--spec', `${served!.url}/openapi.json`, '--backend', served!.url);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('getHealth');
  });

  it('diff finds no change between a spec and itself, and a breaking one when an operation goes', async () => {
    const spec = join(app, 'node_modules/@lockstep/contract/generated/openapi.gen.json');
    const same = await lockstep('diff', spec, spec);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(spec, 'utf8'));
    delete doc.paths['/health'];
    writeFileSync(join(work, 'smaller.json'), JSON.stringify(doc));
    const smaller = await lockstep('diff', spec, join(work, 'smaller.json'));
    expect(smaller.code).toBe(1);
    expect(smaller.stdout + smaller.stderr).toMatch(/breaking/i);
  });

  it('contract checks the health module and finds nothing wrong', async () => {
    const result = await lockstep('contract', '--base-url', served!.url, '--only', 'health');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/health/);
  });
});

describe('the SDK from a TypeScript app, as ESM and as CommonJS', { timeout: 120_000 }, () => {
  it.concurrent.each(Object.keys(tsconfigs))('type-checks under moduleResolution %s', async (name) => {
    const result = await run(join(app, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${name}.json`], { cwd: app });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it.each(['esm.mjs', 'cjs.cjs'])('out/%s calls the server', async (file) => {
    const result = await run(process.execPath, [join('out', file), served!.url], { cwd: app });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'ok', core: 'ok', coreGuarded: 401, guarded: 401 });
  });
});
