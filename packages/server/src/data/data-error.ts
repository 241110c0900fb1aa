/**
 * The errors of the data layer, in its own terms: what kind of refusal it is, the spec's
 * error code and a message. It knows no HTTP; the edge gives each kind its status
 * (`http/http-error.ts`, `asHttpError`).
 */
import type { components } from '@lockstep/contract';

type ErrorCode = components['schemas']['ErrorCode'];
type FieldError = components['schemas']['FieldError'];

/** What went wrong, as the data layer sees it. */
export type DataErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'unsupported' | 'timeout';

/** A refusal of the data layer: bad input, a missing thing, a conflict, a limit. */
export class DataError extends Error {
  override name = 'DataError';

  constructor(
    readonly kind: DataErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Shorthands for the refusals the data layer makes most. */
export const dataErrors = {
  /** A query, filter or statement the layer cannot run as asked. */
  invalidQuery: (message: string) => new DataError('invalid', 'INVALID_QUERY', message),
  /** A value that does not fit its column. */
  invalidValue: (message: string, details?: FieldError[]) =>
    new DataError('invalid', 'VALIDATION_FAILED', message, details),
  forbidden: (message: string) => new DataError('forbidden', 'FORBIDDEN', message),
  notFound: (what: string) => new DataError('not_found', 'NOT_FOUND', `${what} not found.`),
  conflict: (message: string) => new DataError('conflict', 'CONFLICT', message),
  /** What this deployment (its engine) cannot do. */
  unsupported: (message: string) => new DataError('unsupported', 'UNSUPPORTED_DEPLOYMENT', message),
  timeout: (message: string) => new DataError('timeout', 'TIMEOUT', message),
};
