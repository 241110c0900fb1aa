/** A call's result from its response, read as openapi-fetch reads it; HTTP errors become `LockstepError`s. */

import { LockstepError } from '../errors';
import type { SettledCall } from './settled-call';

/** How a success body is read. */
export type ReadAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'formData' | 'stream';

/** `{ data, response }` on success, `{ error, response }` on an HTTP error. */
export async function readResult(response: Response, method: string, parseAs: ReadAs = 'json'): Promise<SettledCall> {
  if (isJsonSuccess(response, method, parseAs)) return jsonResult(await response.text(), response);
  const empty = response.status === 204 || method === 'HEAD' || isEmpty(response.headers);
  if (!response.ok) {
    return {
      error: LockstepError.fromResponse(empty ? undefined : errorBody(await response.text()), response),
      response,
    };
  }
  if (empty) return { data: undefined, response };
  return {
    data: parseAs === 'stream' ? response.body : await response[parseAs as Exclude<ReadAs, 'stream'>](),
    response,
  };
}

/** The common case, a success read as JSON, which a caller may read in its own async step (`jsonResult`). */
export function isJsonSuccess(response: Response, method: string, parseAs: ReadAs = 'json'): boolean {
  return response.ok && parseAs === 'json' && response.status !== 204 && method !== 'HEAD';
}

/** The result of a JSON success whose text is `text`: an empty body is no data, its length need not be read first. */
export function jsonResult(text: string, response: Response): SettledCall {
  return { data: text ? JSON.parse(text) : undefined, response };
}

/** A zero length that is not chunked. */
function isEmpty(headers: Headers): boolean {
  return headers.get('content-length') === '0' && !headers.get('transfer-encoding')?.includes('chunked');
}

/** An error body: JSON when it is one, else the text. */
function errorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
