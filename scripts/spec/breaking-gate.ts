/**
 * `npm run spec:breaking`: compares the spec with the last released one
 * (spec/released/openapi.json) using `lockstep diff`'s classifier. A breaking change needs
 * a changeset with a major bump of @lockstep/contract; without one the gate fails.
 * `npm run spec:release` (run with `changeset version`) moves the baseline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSpecs } from '../../packages/cli/src/diff/diff-specs';

const root = join(import.meta.dirname, '../..');

/** Whether a changeset text bumps @lockstep/contract by a major version. */
export function bumpsContractMajor(changeset: string): boolean {
  const front = /^---\n([\s\S]*?)\n---/.exec(changeset)?.[1] ?? '';
  return /^\s*["']@lockstep\/contract["']\s*:\s*major\s*$/m.test(front);
}

function changesets(): string[] {
  const dir = join(root, '.changeset');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

function main(): number {
  const released = JSON.parse(readFileSync(join(root, 'spec/released/openapi.json'), 'utf8'));
  const current = JSON.parse(readFileSync(join(root, 'packages/contract/generated/openapi.gen.json'), 'utf8'));
  const breaking = diffSpecs(released, current).filter((c) => c.breaking);
  if (breaking.length === 0) {
    console.log('spec: no breaking change since the last release');
    return 0;
  }
  if (changesets().some(bumpsContractMajor)) {
    console.log(`spec: ${breaking.length} breaking change(s), announced by a major changeset of @lockstep/contract`);
    return 0;
  }
  for (const change of breaking) console.error(`breaking: ${change.location} ${change.detail}`);
  console.error(
    `spec: ${breaking.length} breaking change(s) since the last release need a changeset with '@lockstep/contract': major`,
  );
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
