/**
 * Finds and parses a frontend's source files: TypeScript, JavaScript, and the script blocks of
 * Vue and Svelte components. Parsing is syntax only (`ts.createSourceFile`), no type checker.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { extractSfcScripts } from './sfc-scripts';

/** Folders never read: dependencies, build output, caches. */
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.git',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.vite',
  '__tests__',
  '__mocks__',
]);

const KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

/** A parsed source file and the path reported for it (relative to the root, `/`-separated). */
export type SourceFile = { file: string; sf: ts.SourceFile };

/** Lists the source files under `root`, skipping dependencies, build output, tests and type declarations. */
export async function listSourceFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const rel = relative(root, full).split(sep);
    if (rel.some((segment) => SKIP_DIRS.has(segment))) continue;
    if (isSourceName(entry.name)) files.push(full);
  }
  return files.sort();
}

/** Whether a file name is a source file the audit reads. */
export function isSourceName(name: string): boolean {
  if (name.endsWith('.d.ts') || /\.(test|spec)\.[cm]?[jt]sx?$/.test(name)) return false;
  const ext = name.slice(name.lastIndexOf('.') + 1);
  return ext in KINDS || ext === 'vue' || ext === 'svelte';
}

/** Parses one file's text; Vue and Svelte components are reduced to their script blocks first. */
export function parseSource(path: string, text: string): ts.SourceFile {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  if (ext === 'vue' || ext === 'svelte') {
    const { code, lang } = extractSfcScripts(text);
    return ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, KINDS[lang]);
  }
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, KINDS[ext] ?? ts.ScriptKind.TS);
}

/** Reads and parses every source file under `root`. */
export async function readSources(root: string): Promise<SourceFile[]> {
  const paths = await listSourceFiles(root);
  return Promise.all(
    paths.map(async (path) => ({
      file: relative(root, path).split(sep).join('/'),
      sf: parseSource(path, await readFile(path, 'utf8')),
    })),
  );
}
