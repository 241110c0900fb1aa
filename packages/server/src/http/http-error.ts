import type { components } from '@lockstep/contract';
import { DataError, type DataErrorKind } from '../data/data-error';

/** A code of the spec's error catalogue (`ErrorCode`). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** The one error body of every error response. */
export type ErrorBody = components['schemas']['Error'];
/** One offending field of a VALIDATION_FAILED error. */
export type FieldError = components['schemas']['FieldError'];

/** The exception handlers throw for an HTTP error; `error-response.ts` turns it (and a data layer's `DataError`) into the error body. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The error as the spec's `Error` body. */
  toBody(requestId?: string): ErrorBody {
    const body: ErrorBody = { message: this.message, code: this.code, status: this.status };
    if (this.details) body.details = this.details;
    if (requestId) body.request_id = requestId;
    return body;
  }
}

/** Shorthands for the errors handlers throw most. */
export const errors = {
  validation: (details: FieldError[], message = details.map((d) => `${d.field}: ${d.message}`).join('; ')) =>
    new HttpError(400, 'VALIDATION_FAILED', message, details),
  badRequest: (code: ErrorCode, message: string) => new HttpError(400, code, message),
  unauthenticated: (message = 'Sign in first.') => new HttpError(401, 'UNAUTHENTICATED', message),
  forbidden: (message: string) => new HttpError(403, 'FORBIDDEN', message),
  notFound: (what: string, message = `${what} not found.`) => new HttpError(404, 'NOT_FOUND', message),
  conflict: (message: string) => new HttpError(409, 'CONFLICT', message),
  /** What this deployment cannot do by design (replication, PITR or a target path on the wrong engine). */
  unsupportedDeployment: (message: string) => new HttpError(409, 'UNSUPPORTED_DEPLOYMENT', message),
  /** Something the request needs is down or paused for now; `retryAfterSeconds` becomes `Retry-After`. */
  unavailable: (message: string, retryAfterSeconds?: number) =>
    new HttpError(
      503,
      'UNAVAILABLE',
      message,
      undefined,
      retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    ),
  notImplemented: (operationId: string, module: string) =>
    new HttpError(501, 'NOT_IMPLEMENTED', `${operationId} is in the spec but its module (${module}) is not built yet.`),
};

const STATUS_OF_KIND: Record<DataErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported: 409,
  timeout: 504,
};

/** The HTTP error a thrown value stands for: itself, a data-layer error given its status, or undefined. */
export function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof DataError)
    return new HttpError(STATUS_OF_KIND[error.kind], error.code, error.message, error.details);
  return undefined;
}
