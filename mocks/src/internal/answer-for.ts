import type { MockAnswer } from '../types';
import { encodeBody } from './encode-body';
import { headerValues } from './header-values';
import { isJsonType } from './is-json-type';
import { jsonBody } from './json-body';
import { nonJsonBody } from './non-json-body';
import { pickMediaType } from './pick-media-type';
import { resolveRef } from './resolve-ref';
import type { SpecOperation } from './spec-operations';

/** The answer for one documented status of an operation: body, `Content-Type` and documented headers. */
export function answerFor(doc: object, op: SpecOperation, status: number, accept?: string): MockAnswer {
  const response = resolveRef(doc, op.operation.responses?.[String(status)]);
  if (!response) throw new Error(`${op.operationId} documents no ${status} response`);
  const type = status === 204 || status === 304 ? undefined : pickMediaType(response.content, accept);
  const contentType = type && (type.includes('*') ? 'application/octet-stream' : type);
  const media = type ? response.content[type] : undefined;
  let body: unknown = null;
  if (type)
    body = isJsonType(type) ? jsonBody(doc, media, status, response.description) : nonJsonBody(doc, type, media);
  const bytes = encodeBody(body, contentType);
  const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
  Object.assign(
    headers,
    headerValues(doc, response.headers, { operationId: op.operationId, body, bytes, contentType }),
  );
  return { status, headers, body };
}
