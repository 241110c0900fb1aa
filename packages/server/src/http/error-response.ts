import type { Logger } from '../log';
import { HttpError } from './http-error';
import { jsonResponse } from './json-response';

/** The error body of the spec for any thrown value; unexpected errors become 500 INTERNAL and are logged. */
export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  const httpError = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL', 'Internal server error.');
  if (!(error instanceof HttpError)) log.error({ err: error, requestId }, 'unhandled error');
  return jsonResponse(httpError.toBody(requestId), httpError.status, httpError.headers);
}
