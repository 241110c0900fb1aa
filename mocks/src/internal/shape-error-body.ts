import { errorCodeFor } from './error-code-for';
import { resolveRef } from './resolve-ref';

/**
 * Makes a sampled body of an error status coherent when its schema is an error body
 * (`message`, `code`, `status`): the status itself, its catalogue code, the response's description.
 */
export function shapeErrorBody(doc: object, schema: unknown, sampled: unknown, status: number, description = '') {
  const properties = resolveRef(doc, schema)?.properties ?? {};
  if (status < 400 || !sampled || typeof sampled !== 'object' || !('status' in properties && 'code' in properties)) {
    return sampled;
  }
  const code = errorCodeFor(doc, schema, status);
  const message = description.split('\n')[0] || `HTTP ${status}`;
  return { ...sampled, message, ...(code ? { code } : {}), status };
}
