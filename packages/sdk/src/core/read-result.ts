/** A call's result from its response, read as openapi-fetch reads it; HTTP errors become `LockstepError`s. */

import { LockstepError } from '../errors';
import type { SettledCall } from './settled-call';

/** How a success body is read. */
export type ReadAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'formData' | 'stream';

/** `{ data, response }` on success, `{ error, response }` on an HTTP error. */
export async function readResult(response: Response, method: string, parseAs: ReadAs = 'json'): Promise<SettledCall> {
  const bodiless = response.status === 204 || method === 'HEAD';
  if (response.ok && parseAs === 'json' && !bodiless) {
    const text = await response.text(); // an empty body is no data: its length need not be read first
    return { data: text ? JSON.parse(text) : undefined, response };
  }
  const empty = bodiless || isEmpty(response.headers);
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
