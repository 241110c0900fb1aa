/**
 * The error body of the unified operation (`OperationError`): the one `Error` body plus
 * `success: false` and `error: {code, message, status}`, which the dashboard's
 * `unifiedClient` reads. Errors stay `HttpError`s, so the shared error handler answers
 * them; only their body is wider.
 */
import type { components } from '@lockstep/contract';
import { asHttpError, type ErrorBody, HttpError } from '../../http/http-error';
import type { Logger } from '../../log';

/** The body of every error `executeOperation` itself answers. */
export type OperationErrorBody = components['schemas']['OperationError'];

/** An `HttpError` whose body is `OperationError`. */
export class OperationHttpError extends HttpError {
  override toBody(requestId?: string): ErrorBody {
    const body = super.toBody(requestId);
    const wide: OperationErrorBody = {
      ...body,
      success: false,
      error: { code: this.code, message: this.message, status: this.status },
    };
    return wide;
  }
}

/** Re-shapes any error as an `OperationHttpError`; an unexpected one is logged and becomes 500 INTERNAL. */
export function toOperationError(error: unknown, log: Logger, requestId?: string): OperationHttpError {
  if (error instanceof OperationHttpError) return error;
  const known = asHttpError(error);
  if (known) return new OperationHttpError(known.status, known.code, known.message, known.details, known.headers);
  log.error({ err: error, requestId }, 'unhandled error in executeOperation');
  return new OperationHttpError(500, 'INTERNAL', 'Internal server error.');
}
