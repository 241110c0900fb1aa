import {
  createAjv,
  fieldErrors,
  type OpenApiDocument,
  type OperationId,
  openapiDocument,
  pointer,
} from '@lockstep/contract';
import type { default as Ajv2020, ValidateFunction } from 'ajv/dist/2020';
import { isJsonType } from '../internal/is-json-type';
import { specOperation } from '../internal/spec-operations';

const bodies = createAjv(openapiDocument, false);
const headerValues = createAjv(openapiDocument, true);

/**
 * What is wrong with a mock's answer for an operation, each problem naming the operation, the
 * status and the field: status documented, `Content-Type` documented, JSON body valid against
 * the status's schema, documented headers valid against theirs.
 */
export async function answerViolations(operationId: OperationId, response: Response): Promise<string[]> {
  const op = specOperation(openapiDocument, operationId);
  const where = `${operationId} (${op.method.toUpperCase()} ${op.path}) ${response.status}`;
  const status = String(response.status);
  if (!op.operation.responses?.[status]) {
    return [`${where}: status is not documented (documented: ${Object.keys(op.operation.responses).join(', ')})`];
  }
  const at = located(['paths', op.path, op.method, 'responses', status]);
  const documented = nodeAt(at);
  const problems = headerProblems(at, documented.headers ?? {}, response.headers);
  const contentType = response.headers.get('content-type');
  const types = Object.keys(documented.content ?? {});
  const text = await response.clone().text();
  if (!types.length) {
    if (text) problems.push(`body: must be empty, got ${JSON.stringify(text.slice(0, 60))}`);
  } else {
    const type = types.find((t) => bare(t) === bare(contentType ?? '') || t.includes('*'));
    if (!type) problems.push(`header.Content-Type: ${contentType} is not one of ${types.join(', ')}`);
    else if (isJsonType(type)) problems.push(...jsonProblems([...at, 'content', type, 'schema'], text));
    else if (!text) problems.push(`body: must not be empty for ${type}`);
  }
  return problems.map((problem) => `${where}: ${problem}`);
}

function jsonProblems(schemaAt: string[], text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`body: is not JSON: ${text.slice(0, 60)}`];
  }
  const validate = compiled(bodies, { $ref: pointer(...schemaAt) });
  if (validate(body)) return [];
  return fieldErrors(validate.errors, 'body').map((e) => `${e.field} ${e.message}`);
}

function headerProblems(at: string[], headers: Record<string, any>, actual: Headers): string[] {
  const problems: string[] = [];
  for (const [name, header] of Object.entries(headers)) {
    const headerAt = header.$ref ? located(refPath(header.$ref)) : [...at, 'headers', name];
    const value = actual.get(name);
    if (value === null) {
      if (nodeAt(headerAt).required) problems.push(`header.${name} is required`);
    } else if (nodeAt(headerAt).schema) {
      const schema = { type: 'object', properties: { value: { $ref: pointer(...headerAt, 'schema') } } };
      const validate = compiled(headerValues, schema);
      if (!validate({ value }))
        problems.push(...fieldErrors(validate.errors).map((e) => `header.${name} ${e.message}`));
    }
  }
  return problems;
}

const cache = new Map<string, ValidateFunction>();

function compiled(ajv: Ajv2020, schema: object): ValidateFunction {
  const key = `${ajv === bodies ? 'body' : 'header'} ${JSON.stringify(schema)}`;
  if (!cache.has(key)) cache.set(key, ajv.compile(schema));
  return cache.get(key)!;
}

/** Follows `$ref`s from a location to the location of the node they name. */
function located(at: string[]): string[] {
  const node = at.reduce((n: any, key) => n?.[key], openapiDocument as OpenApiDocument);
  return node?.$ref ? located(refPath(node.$ref)) : at;
}

function nodeAt(at: string[]): any {
  return at.reduce((n: any, key) => n?.[key], openapiDocument);
}

function refPath(ref: string): string[] {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function bare(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
}
