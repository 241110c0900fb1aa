/**
 * Errors the engines raise, as the spec's error codes: a broken constraint is a typed code
 * naming its columns (never the engine's text), other conflicts are 409, bad values and SQL
 * that does not parse or names nothing are 400 `INVALID_QUERY`, a cancelled statement is
 * 504 `TIMEOUT`. Anything else stays a 500.
 */
import type { Awaitable } from '../awaitable';
import { DataError, dataErrors } from './data-error';

interface EngineError {
  code?: string;
  message?: string;
  column?: string;
  constraint?: string;
  detail?: string;
}

const SQLITE_BAD_VALUES = new Set(['SQLITE_CONSTRAINT_DATATYPE', 'SQLITE_MISMATCH', 'SQLITE_RANGE', 'SQLITE_TOOBIG']);

function notNull(column: string | undefined): DataError {
  const which = column ? `column ${column}` : 'a required column';
  return new DataError(
    'invalid',
    'NOT_NULL_VIOLATION',
    `The row leaves ${which} empty.`,
    column ? { column } : undefined,
  );
}

function unique(columns: string[]): DataError {
  const which = columns.length ? columns.join(', ') : 'a unique key';
  return new DataError('conflict', 'UNIQUE_VIOLATION', `A row with the same ${which} already exists.`, { columns });
}

function foreignKey(columns: string[]): DataError {
  const which = columns.length ? ` (${columns.join(', ')})` : '';
  const message = `The row's foreign key${which} points at a row that does not exist, or the row is still referenced.`;
  return new DataError('conflict', 'FOREIGN_KEY_VIOLATION', message, { columns });
}

function check(constraint: string | undefined): DataError {
  const which = constraint ? ` ${constraint}` : '';
  return new DataError(
    'invalid',
    'CHECK_VIOLATION',
    `The row breaks the check constraint${which}.`,
    constraint ? { constraint } : undefined,
  );
}

/** `tasks.created_at, tasks.owner` → `['created_at', 'owner']` (SQLite names `table.column`). */
function sqliteColumns(message: string): string[] {
  const listed = /constraint failed: (.+)$/.exec(message)?.[1] ?? '';
  return listed
    .split(',')
    .map((part) => part.trim().split('.').pop() ?? '')
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}

function sqliteConstraint(code: string, message: string): DataError | undefined {
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return notNull(sqliteColumns(message)[0]);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return unique(sqliteColumns(message));
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return foreignKey([]);
  if (code === 'SQLITE_CONSTRAINT_CHECK') return check(/constraint failed: (\w+)$/.exec(message)?.[1]);
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') return dataErrors.conflict('A trigger refused the change.');
  return undefined;
}

function fromSqlite(code: string, message: string): DataError | undefined {
  const constraint = sqliteConstraint(code, message);
  if (constraint) return constraint;
  if (SQLITE_BAD_VALUES.has(code) || code === 'SQLITE_CONSTRAINT') return dataErrors.invalidQuery(message);
  if (code === 'SQLITE_ERROR') return dataErrors.invalidQuery(message);
  if (code === 'SQLITE_INTERRUPT') return dataErrors.timeout('The statement was cancelled.');
  return undefined;
}

/** `Key (a, b)=(1, 2) already exists.` → `['a', 'b']`. */
function postgresKeyColumns(detail: string | undefined): string[] {
  const listed = /^Key \(([^)]*)\)=/.exec(detail ?? '')?.[1] ?? '';
  return listed
    .split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

function postgresConstraint(e: EngineError): DataError | undefined {
  if (e.code === '23502') return notNull(e.column);
  if (e.code === '23505') return unique(postgresKeyColumns(e.detail));
  if (e.code === '23503') return foreignKey(postgresKeyColumns(e.detail));
  if (e.code === '23514') return check(e.constraint);
  return undefined;
}

function fromPostgres(e: EngineError, code: string, message: string): DataError | undefined {
  const constraint = postgresConstraint(e);
  if (constraint) return constraint;
  // Text PostgreSQL cannot store (a NUL byte) is the client's mistake, not the server's.
  if (code === '22021' || code === '22P05')
    return dataErrors.invalidValue('A text value holds a character the database cannot store (such as a NUL byte).');
  if (code === '23P01' || code === '42830') return dataErrors.conflict(message);
  if (code === '57014') return dataErrors.timeout('The statement ran past the statement timeout.');
  if (code === '40001' || code === '40P01' || code === '55P03') return dataErrors.conflict(message);
  // Class 22 (data exception), 23 (other integrity), 42 (syntax or access rule), 2B/0A/21/44.
  if (/^(22|23|42|2B|0A|21|44|25P02)/.test(code)) return dataErrors.invalidQuery(message);
  return undefined;
}

/** The data error for an engine's error, or undefined when it is not one the spec names. */
export function engineError(error: unknown): DataError | undefined {
  if (error instanceof DataError) return error;
  const e = error as EngineError;
  if (!e || typeof e.code !== 'string') return undefined;
  const message = e.message ?? 'The database refused the statement.';
  return e.code.startsWith('SQLITE_') ? fromSqlite(e.code, message) : fromPostgres(e, e.code, message);
}

function asDataError(error: unknown): never {
  throw engineError(error) ?? error;
}

/**
 * Runs `work`, turning the engine's errors into the spec's: thrown at once when `work` failed
 * at once, rejected when its promise rejects. Work that answers at once (a read outside a
 * transaction on SQLite) is answered at once.
 */
export function withEngineErrors<T>(work: () => Promise<T>): Promise<T>;
export function withEngineErrors<T>(work: () => Awaitable<T>): Awaitable<T>;
export function withEngineErrors<T>(work: () => Awaitable<T>): Awaitable<T> {
  try {
    const result = work();
    return result instanceof Promise ? result.catch(asDataError) : result;
  } catch (error) {
    return asDataError(error);
  }
}
