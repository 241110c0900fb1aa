import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from './test-helpers';
import { EXIT } from './usage-error';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs the real `lockstep` entry point from source, as a process. */
function lockstep(...args: string[]) {
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the lockstep process', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(lockstep('--version')).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('exits 2 with one line, no stack, for a missing file or an unknown command; 1 only for findings', () => {
    const missing = lockstep('diff', '/no/such/spec.yaml', fixture('petstore/petstore-v1.yaml'));
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr.trim().split('\n')).toEqual(['lockstep: cannot read /no/such/spec.yaml: ENOENT']);
    expect(lockstep('nope').code).toBe(EXIT.usage);
    const breaking = lockstep('diff', fixture('petstore/petstore-v1.yaml'), fixture('petstore/petstore-v2.yaml'));
    expect(breaking.code).toBe(EXIT.findings);
  }, 60_000); // three processes

  it('documents every exit code in the README, as EXIT defines them', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('## `lockstep audit`'));
    const codes = [...section.matchAll(/^\| (\d) \| (\w+)/gm)].map((m) => Number(m[1]));
    expect(codes).toEqual(Object.values(EXIT));
  });
});
