/**
 * Compiles, once per server, the validators of every operation from the bundled spec:
 * one for its parameters (path, query, headers; strings coerced to the declared types)
 * and one for its JSON body (no coercion). Schemas are referenced by JSON pointer into
 * the whole document, so `$ref`s resolve as in the spec.
 */

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../document';
/** One offending field: where, and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

const DOC_ID = 'lockstep-spec';

/** The JSON pointer of a location in the document, as a `$ref` Ajv resolves. */
export function pointer(...segments: (string | number)[]): string {
  return `${DOC_ID}#/${segments.map((s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/**
 * The document as Ajv's `discriminator` keyword takes it: Ajv picks a `oneOf` branch by the
 * tag's `const` in each branch and refuses `mapping`, which says the same, so it is left out.
 */
function withoutDiscriminatorMappings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDiscriminatorMappings);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === 'discriminator' && value && typeof value === 'object' && 'propertyName' in value
        ? [key, { propertyName: value.propertyName }]
        : [key, withoutDiscriminatorMappings(value)],
    ),
  );
}

/**
 * An Ajv instance that knows the whole document and OpenAPI's extra formats. A `oneOf`
 * with a `discriminator` is checked against the branch its tag names only, so a mistake
 * in a `POST /api/v1/operation` body names that branch's fields, not every branch's.
 */
export function createAjv(doc: OpenApiDocument, coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    discriminator: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
  });
  addFormats(ajv);
  for (const format of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(format, true);
  ajv.addSchema(withoutDiscriminatorMappings(doc) as object, DOC_ID);
  return ajv;
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'discriminator') return [path, (error.params as { tag: string }).tag].filter(Boolean).join('.');
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const extra =
    error.keyword === 'additionalProperties'
      ? (error.params as { additionalProperty: string }).additionalProperty
      : undefined;
  return [path, missing ?? extra].filter(Boolean).join('.');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'discriminator') {
    const { error: kind, tagValue } = error.params as { error: string; tagValue?: unknown };
    return kind === 'mapping'
      ? `${JSON.stringify(tagValue)} is not a kind this body takes`
      : 'is required, as a string';
  }
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not allowed';
  return error.message ?? 'is invalid';
}

/** Ajv's errors as the spec's field errors, dropping the noise of oneOf/anyOf branches. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const field = [prefix, fieldOf(error)].filter(Boolean).join('.') || 'body';
    const message = messageOf(error);
    const key = `${field} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

/** A compiled validator and the field errors of its last run. */
export type Validator = ValidateFunction;
