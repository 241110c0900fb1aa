import { isJsonType } from './is-json-type';

/** The bytes a body travels as, given its `Content-Type`; `null` for no body. */
export function encodeBody(body: unknown, contentType: string | undefined): Uint8Array | null {
  if (body === null || body === undefined || !contentType) return null;
  if (body instanceof Uint8Array) return body;
  const text = isJsonType(contentType) || typeof body !== 'string' ? JSON.stringify(body) : body;
  return new TextEncoder().encode(text);
}
