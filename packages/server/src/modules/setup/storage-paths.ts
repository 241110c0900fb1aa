/**
 * The directories of `POST /setup/storage`: an absolute path is taken as it is, a relative
 * one is resolved under the server's data directory (and may not leave it), and each is
 * created when missing. A directory the server cannot make or use is a 400 naming the
 * field and the reason.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { errors } from '../../http/http-error';
import type { StoragePaths } from './store';

/** The fields of the storage step, in the order they are checked. */
export const STORAGE_FIELDS = ['data_dir', 'wal_dir', 'snapshot_dir'] as const;

type Field = (typeof STORAGE_FIELDS)[number];

function refuse(field: Field, message: string): never {
  throw errors.validation([{ field: `body.${field}`, message }]);
}

/** The absolute directory `dir` names: itself when absolute, else under `dataDir` (never outside it). */
export function resolveSetupPath(dataDir: string, dir: string, field: Field): string {
  if (dir.includes('\0')) refuse(field, 'must not contain a NUL byte');
  if (isAbsolute(dir)) return resolve(dir);
  const target = resolve(dataDir, dir);
  const rel = relative(dataDir, target);
  if (rel.startsWith('..') || isAbsolute(rel)) refuse(field, 'is relative, so it must stay inside the data directory');
  return target;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be created: permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'cannot be created: a file is in the way';
  if (code === 'ENOENT') return 'cannot be created: this file system does not take new directories there';
  if (code === 'EROFS') return 'cannot be created: the file system is read-only';
  return `cannot be created (${code ?? 'unknown error'})`;
}

/**
 * Creates `dir` and its missing parents one level at a time. (Node's recursive `mkdirSync`
 * never returns on some virtual file systems, such as a path under `/proc`.)
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  for (const level of missing) mkdirSync(level);
}

/** Creates `dir` when missing and checks the server can write in it; answers whether it existed before. */
export function ensureWritableDirectory(dir: string, field: Field): boolean {
  const existed = existsSync(dir);
  if (existed && !statSync(dir).isDirectory()) refuse(field, 'is a file, not a directory');
  try {
    if (!existed) makeDirectories(dir);
    accessSync(dir, constants.W_OK);
  } catch (error) {
    refuse(field, existed ? 'is not writable by the server' : reasonOf(error));
  }
  return existed;
}

/** Resolves and creates the three directories; 400 naming the first that cannot be used. */
export function prepareStoragePaths(
  dataDir: string,
  body: Record<Field, string>,
): { paths: StoragePaths; existed: Record<Field, boolean> } {
  const resolved = STORAGE_FIELDS.map((f) => [f, resolveSetupPath(dataDir, body[f], f)]);
  const paths = Object.fromEntries(resolved) as unknown as StoragePaths;
  const existed = Object.fromEntries(STORAGE_FIELDS.map((f) => [f, ensureWritableDirectory(paths[f], f)]));
  return { paths, existed: existed as Record<Field, boolean> };
}
