/**
 * The common errors are built in one place: a file that spells out `new HttpError(401,
 * 'UNAUTHENTICATED', …)` (or 400 VALIDATION_FAILED, 403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT,
 * 409 UNSUPPORTED_DEPLOYMENT, 503 UNAVAILABLE) instead of calling `errors.*` fails here. Errors
 * with a code of their own (`TOKEN_EXPIRED`, `SETUP_INCOMPLETE`, ...) are built where they arise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors } from './http-error';

const src = join(import.meta.dirname, '..');
const COMMON =
  /new HttpError\(\s*(400,\s*'VALIDATION_FAILED'|401,\s*'UNAUTHENTICATED'|403,\s*'FORBIDDEN'|404,\s*'NOT_FOUND'|409,\s*'CONFLICT'|409,\s*'UNSUPPORTED_DEPLOYMENT'|503,\s*'UNAVAILABLE')/;

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
    expect(errors.notFound('notes', 'notes has no row with id 9.')).toMatchObject({
      message: 'notes has no row with id 9.',
    });
    expect(errors.unsupportedDeployment('No.')).toMatchObject({ status: 409, code: 'UNSUPPORTED_DEPLOYMENT' });
    expect(errors.unavailable('Paused.', 5)).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      headers: { 'Retry-After': '5' },
    });
    expect(errors.unavailable('Down.').headers).toEqual({});
  });

  it('is the only place a common error is built by hand', () => {
    const byHand = sources(src)
      .filter((file) => !file.endsWith('http-error.ts'))
      .filter((file) => COMMON.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(byHand).toEqual([]);
  });
});
