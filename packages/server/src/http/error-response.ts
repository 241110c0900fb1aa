import type { Logger } from '../log';
import { asHttpError, HttpError } from './http-error';
import { jsonResponse } from './json-response';

/**
 * The error body of the spec for any thrown value; unexpected errors become 500 INTERNAL and
 * are logged. `extraHeaders`: the request edge's, when the response is built with them.
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  log: Logger,
  extraHeaders?: Record<string, string>,
): Response {
  const known = asHttpError(error);
  if (!known) log.error({ err: error, requestId }, 'unhandled error');
  const httpError = known ?? new HttpError(500, 'INTERNAL', 'Internal server error.');
  return jsonResponse(httpError.toBody(requestId), httpError.status, httpError.headers, extraHeaders);
}
