/**
 * Errors the engines raise, as the spec's error codes: broken keys and constraints are 409,
 * bad values and SQL that does not parse or names nothing are 400 `INVALID_QUERY`, a
 * cancelled statement is 504 `TIMEOUT`. Anything else stays a 500.
 */
import { HttpError } from '../http/http-error';

interface EngineError {
  code?: string;
  message?: string;
  column?: string;
}

const SQLITE_CONFLICTS = new Set([
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_FOREIGNKEY',
  'SQLITE_CONSTRAINT_TRIGGER',
]);

const SQLITE_BAD_VALUES = new Set([
  'SQLITE_CONSTRAINT_NOTNULL',
  'SQLITE_CONSTRAINT_CHECK',
  'SQLITE_CONSTRAINT_DATATYPE',
  'SQLITE_MISMATCH',
  'SQLITE_RANGE',
  'SQLITE_TOOBIG',
]);

function fromSqlite(code: string, message: string): HttpError | undefined {
  if (SQLITE_CONFLICTS.has(code)) return new HttpError(409, 'CONFLICT', message);
  if (SQLITE_BAD_VALUES.has(code) || code === 'SQLITE_CONSTRAINT') return new HttpError(400, 'INVALID_QUERY', message);
  if (code === 'SQLITE_ERROR') return new HttpError(400, 'INVALID_QUERY', message);
  if (code === 'SQLITE_INTERRUPT') return new HttpError(504, 'TIMEOUT', 'The statement was cancelled.');
  return undefined;
}

function fromPostgres(code: string, message: string): HttpError | undefined {
  if (code === '23505' || code === '23503' || code === '23P01' || code === '42830')
    return new HttpError(409, 'CONFLICT', message);
  if (code === '57014') return new HttpError(504, 'TIMEOUT', 'The statement ran past the statement timeout.');
  if (code === '40001' || code === '40P01' || code === '55P03') return new HttpError(409, 'CONFLICT', message);
  // Class 22 (data exception), 23 (other integrity), 42 (syntax or access rule), 2B/0A/21/44.
  if (/^(22|23|42|2B|0A|21|44|25P02)/.test(code)) return new HttpError(400, 'INVALID_QUERY', message);
  return undefined;
}

/** The HTTP error for an engine's error, or undefined when it is not one the spec names. */
export function engineHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const e = error as EngineError;
  if (!e || typeof e.code !== 'string') return undefined;
  const message = e.message ?? 'The database refused the statement.';
  return e.code.startsWith('SQLITE_') ? fromSqlite(e.code, message) : fromPostgres(e.code, message);
}

/** Runs `work`, turning the engine's errors into the spec's. */
export async function withEngineErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw engineHttpError(error) ?? error;
  }
}
