/**
 * A fast-check arbitrary for the values a JSON Schema admits: types (and type lists), enums
 * and consts, the formats uuid, email, date-time, date, uri, ipv4 and hostname, patterns,
 * numeric bounds and multiples, string and array lengths, required and optional properties,
 * `allOf` (merged), `oneOf`/`anyOf` (any variant), and 3.0 `nullable`. Read-only properties are
 * left out (the arbitrary builds requests). Past a depth, only required properties are built.
 */

import { deref } from '@lockstep/contract';
import * as fc from 'fast-check';
import { lowerBound, mergeAllOf, typesOf, upperBound } from '../spec/schema-facets';

/** How far down nested objects go before only required properties are built. */
const FULL_DEPTH = 4;
const MAX_DEPTH = 8;

/** An arbitrary of the values `schema` (which may be a `$ref` into `doc`) admits. */
export function arbitraryOf(doc: unknown, schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return anyValue();
  if (schema === false || depth > MAX_DEPTH) return fc.constant(null);
  const s = mergeAllOf(doc, deref(doc, schema).node) ?? {};
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const variants = s.oneOf ?? s.anyOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const { oneOf: _o, anyOf: _a, ...base } = s;
    return fc.oneof(...variants.map((v: unknown) => arbitraryOf(doc, { allOf: [base, v] }, depth + 1)));
  }
  const types = typesOf(s) ?? inferTypes(s);
  if (!types) return anyValue();
  const arbs = [...types].map((t) => ofType(doc, s, t, depth));
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}

function inferTypes(s: any): Set<string> | null {
  if (s.properties || s.additionalProperties || s.required) return new Set(['object']);
  if (s.items) return new Set(['array']);
  if (s.format || s.pattern || s.minLength !== undefined || s.maxLength !== undefined) return new Set(['string']);
  if (s.minimum !== undefined || s.maximum !== undefined) return new Set(['number']);
  return null;
}

function anyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
}

function ofType(doc: unknown, s: any, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return integerOf(s);
    case 'number':
      return numberOf(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayOf(doc, s, depth);
    case 'object':
      return objectOf(doc, s, depth);
    default:
      return anyValue();
  }
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  'date-time': () => dates().map((d) => d.toISOString()),
  date: () => dates().map((d) => d.toISOString().slice(0, 10)),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  ipv4: () => fc.ipV4(),
  hostname: () => fc.domain(),
  byte: () => fc.base64String({ maxLength: 64 }),
};

function dates(): fc.Arbitrary<Date> {
  return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
}

function stringOf(s: any): fc.Arbitrary<string> {
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? s.maxLength : undefined;
  const fits = (v: string) => [...v].length >= minLength && (maxLength === undefined || [...v].length <= maxLength);
  const format = FORMATS[s.format as string];
  if (format) return format().filter(fits);
  if (typeof s.pattern === 'string') {
    const matching = matchingArbitrary(s.pattern);
    if (matching) return matching.filter(fits);
  }
  // With a declared maxLength, reach it: bugs hide at the bounds, not in fast-check's small default sizes.
  const size = maxLength === undefined ? undefined : maxLength <= 1_000 ? 'max' : 'large';
  const ascii = fc.string({ minLength, maxLength, size });
  if (maxLength !== undefined || minLength > 0) return ascii;
  return fc.oneof(
    { arbitrary: ascii, weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }), weight: 1 },
  );
}

/**
 * Strings matching a pattern. fast-check cannot build lookarounds: they are dropped, so some
 * values may not match (the target then answers 400, which a fuzz case allows).
 */
function matchingArbitrary(pattern: string): fc.Arbitrary<string> | null {
  for (const source of [pattern, pattern.replace(/\(\?<?[=!](?:[^()\\]|\\.)*\)/g, '')]) {
    try {
      return fc.stringMatching(new RegExp(source, 'u'));
    } catch {
      // try the next form
    }
  }
  return null;
}

function integerOf(s: any): fc.Arbitrary<number> {
  const low = lowerBound(s);
  const high = upperBound(s);
  let min = low ? Math.ceil(low.exclusive ? Math.floor(low.value) + 1 : low.value) : -1_000_000;
  let max = high ? Math.floor(high.exclusive ? Math.ceil(high.value) - 1 : high.value) : 1_000_000;
  if (!low && high) min = Math.min(min, max - 1_000_000);
  if (low && !high) max = Math.max(max, min + 1_000_000);
  const step = typeof s.multipleOf === 'number' && Number.isInteger(s.multipleOf) ? s.multipleOf : 1;
  if (step === 1) return fc.integer({ min, max });
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step);
}

function numberOf(s: any): fc.Arbitrary<number> {
  const low = lowerBound(s);
  const high = upperBound(s);
  return fc.double({
    min: low?.value ?? -1e9,
    max: high?.value ?? 1e9,
    minExcluded: low?.exclusive ?? false,
    maxExcluded: high?.exclusive ?? false,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function arrayOf(doc: unknown, s: any, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
  const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : minLength + 4, minLength + 4);
  const items = arbitraryOf(doc, s.items ?? true, depth + 1);
  if (s.uniqueItems) return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength, maxLength });
}

function objectOf(doc: unknown, s: any, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const required: string[] = Array.isArray(s.required) ? s.required : [];
  const props = Object.entries<any>(s.properties ?? {}).filter(
    ([name, p]) => required.includes(name) || (!deref(doc, p).node?.readOnly && depth < FULL_DEPTH),
  );
  if (props.length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
    const values = arbitraryOf(doc, s.additionalProperties, depth + 1);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), values, { maxKeys: 3 });
  }
  const model = Object.fromEntries(props.map(([name, p]) => [name, arbitraryOf(doc, p, depth + 1)]));
  return fc.record(model, { requiredKeys: required.filter((name) => name in model) });
}
