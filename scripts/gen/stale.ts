/** What `gen:check` reports: generated files that differ, are missing, or are left over in a generated folder. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One stale generated file and why. */
export interface StaleFile {
  path: string;
  reason: 'differs' | 'missing' | 'not generated';
}

/**
 * Compares `expected` (repository path → text) with the files under `root`: each expected file
 * must exist with that text, and every folder written to must hold nothing else.
 */
export function staleFiles(expected: Map<string, string>, root: string): StaleFile[] {
  const out: StaleFile[] = [];
  for (const [path, text] of expected) {
    const file = join(root, path);
    if (!existsSync(file)) out.push({ path, reason: 'missing' });
    else if (readFileSync(file, 'utf8') !== text) out.push({ path, reason: 'differs' });
  }
  for (const dir of new Set([...expected.keys()].map((path) => dirname(path)))) {
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (!expected.has(path)) out.push({ path, reason: 'not generated' });
    }
  }
  return out;
}
