import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
const builtins = new Set(builtinModules);

/** The SDK's shipped source: everything under src/ but tests and test helpers. */
function shippedFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : shippedFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Modules a file imports or requires. */
function importsOf(source: string): string[] {
  const found = source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g);
  return [...found].map((match) => match[1]);
}

describe('the SDK runs in browsers', () => {
  const files = shippedFiles();

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => relative(SRC, file)))('%s imports no Node built-in', (file) => {
    const offending = importsOf(readFileSync(join(SRC, file), 'utf8')).filter(
      (name) => name.startsWith('node:') || builtins.has(name.split('/')[0]),
    );
    expect(offending).toEqual([]);
  });

  it.each(files.map((file) => relative(SRC, file)))('%s uses no Node globals', (file) => {
    expect(readFileSync(join(SRC, file), 'utf8')).not.toMatch(/\b(process|Buffer|__dirname|require)\s*[.(]/);
  });
});
