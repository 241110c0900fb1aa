/** A call's result from its response, read as openapi-fetch reads it; HTTP errors become `LockstepError`s. */

import { LockstepError } from '../errors';
import type { SettledCall } from './settled-call';

/** How a success body is read. */
export type ReadAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'formData' | 'stream';

/** `{ data, response }` on success, `{ error, response }` on an HTTP error. */
export async function readResult(response: Response, method: string, parseAs: ReadAs = 'json'): Promise<SettledCall> {
  const body = await readBody(response, method, parseAs);
  return response.ok ? { data: body, response } : { error: LockstepError.fromResponse(body, response), response };
}

async function readBody(response: Response, method: string, parseAs: ReadAs): Promise<unknown> {
  const length = response.headers.get('content-length');
  const chunked = response.headers.get('transfer-encoding')?.includes('chunked');
  if (response.status === 204 || method === 'HEAD' || (length === '0' && !chunked)) return undefined;
  if (response.ok && parseAs !== 'json') return parseAs === 'stream' ? response.body : response[parseAs]();
  if (response.ok && length) return response.json();
  const text = await response.text();
  if (response.ok) return text ? JSON.parse(text) : undefined;
  try {
    return JSON.parse(text); // an error body: JSON when it is one, else the text
  } catch {
    return text;
  }
}
