/**
 * Builds requests an operation must refuse, each from its positive request with one thing
 * broken: the body missing, a required field missing, a field of the wrong type, a value out
 * of range (bounds, lengths, enum, format, pattern, item counts), an unknown property where the
 * schema refuses them; a required query parameter missing, or a parameter of the wrong type or
 * out of range. A mutated body the schema still accepts is dropped.
 */
import { deref } from '@lockstep/contract';
import { lowerBound, mergeAllOf, typesOf, upperBound } from '../spec/schema-facets';
import type { Judge } from './judge';
import type { RequestParts } from './positive-cases';
import type { ContractOperation, ParamSpec } from './types';

/** One invalid request: its check name, what is wrong (for messages), and the request. */
export type NegativeCase = { name: string; what: string; parts: RequestParts };

/** At most this many negative cases per operation. */
export const MAX_NEGATIVES = 24;

const WRONG_VALUES: Record<string, unknown> = {
  string: 12345,
  integer: 'not-a-number',
  number: 'not-a-number',
  boolean: 'not-a-boolean',
  array: 'not-an-array',
  object: 'not-an-object',
};
const FORMAT_VALUES: Record<string, string> = {
  uuid: 'not-a-uuid',
  email: 'not-an-email',
  'date-time': 'not-a-date-time',
  date: 'not-a-date',
  uri: 'not a uri',
  ipv4: '999.1.1',
};

/** The invalid requests of `op`, derived from its positive request `base`. */
export function negativeCases(doc: any, judge: Judge, op: ContractOperation, base: RequestParts): NegativeCase[] {
  const cases = [...bodyCases(doc, judge, op, base), ...paramCases(doc, op, base)];
  return cases.slice(0, MAX_NEGATIVES);
}

function schemaOf(doc: any, schema: any): any {
  return mergeAllOf(doc, deref(doc, schema).node) ?? {};
}

function bodyCases(doc: any, judge: Judge, op: ContractOperation, base: RequestParts): NegativeCase[] {
  const spec = op.body;
  if (!spec || !/json|form/.test(spec.mediaType)) return [];
  const out: NegativeCase[] = [];
  if (spec.required)
    out.push(negative('body missing', 'a request without its required body', { ...base, body: undefined }));
  const schema = schemaOf(doc, spec.schema);
  const body = base.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  if (/json/.test(spec.mediaType) && typesOf(schema)?.has('object') && !typesOf(schema)?.has('string'))
    out.push(negative('body is a string', 'a body that is a string, not an object', { ...base, body: 'lockstep' }));
  const props = (schema.properties ?? {}) as Record<string, any>;
  const required: string[] = Array.isArray(schema.required) ? schema.required : [];
  const withBody = (name: string, what: string, value: Record<string, unknown>) =>
    negative(name, what, { ...base, body: value });
  for (const field of required) {
    // A read-only field is the server's to fill: clients never send it, so leaving it out is no mistake.
    if (schemaOf(doc, props[field])?.readOnly) continue;
    const { [field]: _, ...rest } = body as Record<string, unknown>;
    out.push(withBody(`body.${field} missing`, `a body without the required body.${field}`, rest));
  }
  const json = /json/.test(spec.mediaType);
  for (const [field, raw] of Object.entries(props)) {
    const prop = schemaOf(doc, raw);
    if (prop.readOnly) continue;
    // In a form every value is text and an empty field reads as absent: only JSON can carry these.
    const wrong = json ? wrongType(prop) : null;
    if (wrong)
      out.push(
        withBody(`body.${field} wrong type`, `body.${field} of the wrong type (${wrong.label})`, {
          ...(body as object),
          [field]: wrong.value,
        }),
      );
    const bad = outOfRange(prop);
    if (bad && (json || bad.value !== ''))
      out.push(
        withBody(`body.${field} ${bad.label}`, `body.${field} ${bad.label}`, {
          ...(body as object),
          [field]: bad.value,
        }),
      );
  }
  if (schema.additionalProperties === false || schema.unevaluatedProperties === false)
    out.push(
      withBody('body unknown property', 'a body with an unknown property', {
        ...(body as object),
        lockstep_unknown_property: true,
      }),
    );
  return json ? out.filter((c) => stillInvalid(judge, op, c)) : out;
}

function stillInvalid(judge: Judge, op: ContractOperation, c: NegativeCase): boolean {
  if (c.parts.body === undefined) return true;
  const validate = judge.validator(op.body!.schemaAt);
  return validate instanceof Error || !validate(c.parts.body);
}

function paramCases(doc: any, op: ContractOperation, base: RequestParts): NegativeCase[] {
  const out: NegativeCase[] = [];
  for (const param of op.params) {
    if (param.in === 'header' || param.in === 'cookie') continue;
    const key = `${param.in}:${param.name}`;
    const where = `${param.in}.${param.name}`;
    const schema = schemaOf(doc, param.schema);
    if (param.in === 'query' && param.required) {
      const { [key]: _, ...rest } = base.values;
      out.push(negative(`${where} missing`, `a request without the required ${where}`, { ...base, values: rest }));
    }
    for (const bad of paramMutations(param, schema)) {
      out.push(
        negative(`${where} ${bad.label}`, `${where} ${bad.label}`, {
          ...base,
          values: { ...base.values, [key]: bad.value },
        }),
      );
    }
  }
  return out;
}

function paramMutations(param: ParamSpec, schema: any): { label: string; value: unknown }[] {
  const types = typesOf(schema);
  const out: { label: string; value: unknown }[] = [];
  if (types && !types.has('string') && [...types].some((t) => t in WRONG_VALUES) && !types.has('array'))
    out.push({ label: `wrong type (a string for ${[...types].join(' | ')})`, value: 'lockstep' });
  const bad = outOfRange(schema);
  // An empty path segment is another route, not a bad value.
  if (bad && !(param.in === 'path' && bad.value === '')) out.push(bad);
  return out;
}

function wrongType(prop: any): { label: string; value: unknown } | null {
  const types = typesOf(prop);
  if (!types) return null;
  for (const type of types) {
    const value = WRONG_VALUES[type];
    if (value === undefined) continue;
    const given = typeof value === 'number' ? 'integer' : 'string';
    if (types.has(given) || (given === 'integer' && types.has('number'))) continue;
    return { label: `${given === 'string' ? 'a string' : 'a number'} for ${[...types].join(' | ')}`, value };
  }
  return null;
}

/** A value just outside what the schema allows, or null when it sets no bound. */
export function outOfRange(s: any): { label: string; value: unknown } | null {
  if (Array.isArray(s.enum) && s.enum.every((v: unknown) => typeof v === 'string'))
    return { label: 'not in enum', value: 'lockstep-not-in-enum' };
  const low = lowerBound(s);
  if (low) return { label: `below minimum (${low.value})`, value: low.exclusive ? low.value : low.value - 1 };
  const high = upperBound(s);
  if (high) return { label: `above maximum (${high.value})`, value: high.exclusive ? high.value : high.value + 1 };
  if (typeof s.minLength === 'number' && s.minLength > 0)
    return { label: `too short (minLength ${s.minLength})`, value: 'x'.repeat(s.minLength - 1) };
  if (typeof s.maxLength === 'number')
    return { label: `too long (maxLength ${s.maxLength})`, value: 'x'.repeat(s.maxLength + 1) };
  if (typeof s.format === 'string' && s.format in FORMAT_VALUES)
    return { label: `not a valid ${s.format}`, value: FORMAT_VALUES[s.format] };
  if (typeof s.pattern === 'string') return { label: `not matching ${s.pattern}`, value: '\u0000lockstep' };
  if (typeof s.minItems === 'number' && s.minItems > 0)
    return { label: `too few items (minItems ${s.minItems})`, value: [] };
  return null;
}

function negative(name: string, what: string, parts: RequestParts): NegativeCase {
  return { name: `negative: ${name}`, what, parts };
}
