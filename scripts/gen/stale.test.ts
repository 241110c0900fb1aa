/** gen:check's comparison, broken on purpose: each kind of stale file makes it report. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleFiles } from './stale';

const expected = new Map([
  ['pkg/generated/a.gen.ts', 'a'],
  ['pkg/generated/b.gen.ts', 'b'],
]);

/** A checkout holding `files` (repository path → text). */
function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-gen-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('staleFiles', () => {
  const fresh = { 'pkg/generated/a.gen.ts': 'a', 'pkg/generated/b.gen.ts': 'b', 'pkg/src/index.ts': 'x' };
  it.each([
    { given: 'the generated files as generated', files: fresh, want: [] },
    {
      given: 'a file edited by hand',
      files: { ...fresh, 'pkg/generated/a.gen.ts': 'edited' },
      want: [{ path: 'pkg/generated/a.gen.ts', reason: 'differs' }],
    },
    {
      given: 'a file deleted',
      files: { 'pkg/generated/a.gen.ts': 'a' },
      want: [{ path: 'pkg/generated/b.gen.ts', reason: 'missing' }],
    },
    {
      given: 'a stray file left in the generated folder',
      files: { ...fresh, 'pkg/generated/old-name.gen.ts': 'stale' },
      want: [{ path: 'pkg/generated/old-name.gen.ts', reason: 'not generated' }],
    },
  ])('$given', ({ files, want }) => {
    expect(staleFiles(expected, checkout(files))).toEqual(want);
  });
});
