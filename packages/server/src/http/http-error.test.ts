/**
 * The common errors are built in one place: a file that spells out `new HttpError(401,
 * 'UNAUTHENTICATED', …)` (or 403 FORBIDDEN, 409 CONFLICT) instead of calling `errors.*`
 * fails here. (VALIDATION_FAILED and NOT_FOUND with messages of their own are still
 * built by hand in a few places; see issue 17.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors } from './http-error';

const src = join(import.meta.dirname, '..');
const COMMON = /new HttpError\(\s*(401,\s*'UNAUTHENTICATED'|403,\s*'FORBIDDEN'|409,\s*'CONFLICT')/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('errors', () => {
  it('builds the common errors with their status and code', () => {
    expect(errors.unauthenticated()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: 'Sign in first.' });
    expect(errors.forbidden('No.')).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(errors.notFound('Bucket')).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Bucket not found.' });
    expect(errors.conflict('Taken.')).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('is the only place a common error is built by hand', () => {
    const byHand = sources(src)
      .filter((file) => !file.endsWith('http-error.ts'))
      .filter((file) => COMMON.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(byHand).toEqual([]);
  });
});
