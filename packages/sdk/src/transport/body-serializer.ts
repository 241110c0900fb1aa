/**
 * Serialises a request body: `FormData`, `Blob`, `URLSearchParams` and binary buffers go as they are; an
 * object holding a `Blob` (a file) becomes multipart form data (objects in it become JSON parts);
 * anything else is JSON, as openapi-fetch does.
 */
export function serializeBody(body: unknown, headers?: Headers | Record<string, string>): unknown {
  if (isRaw(body)) return body;
  if (isPlainObject(body) && Object.values(body).some((value) => value instanceof Blob)) return toFormData(body);
  // As openapi-fetch's serializer: form-urlencoded when the headers say so (a Headers from openapi-fetch, a record from the core).
  const type = headers instanceof Headers ? headers.get('content-type') : headers?.['content-type'];
  return type === FORM ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
}

const FORM = 'application/x-www-form-urlencoded';

function isRaw(body: unknown): boolean {
  return (
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value);
    else if (typeof value === 'object')
      form.append(name, new Blob([JSON.stringify(value)], { type: 'application/json' }));
    else form.append(name, String(value));
  }
  return form;
}
