/**
 * Small readings of one schema used by the comparison: its set of types, its bounds, its enum,
 * and `allOf` merged into one schema (cycle-safe).
 */
import { deref } from '@lockstep/contract';

/** The JSON types a schema admits, `null` included for 3.0 `nullable`; null when untyped. */
export function typesOf(schema: any): Set<string> | null {
  const type = schema?.type;
  const types = Array.isArray(type) ? new Set<string>(type) : typeof type === 'string' ? new Set([type]) : null;
  if (types && schema.nullable === true) types.add('null');
  return types;
}

/** Whether a set of types accepts values of type `t` (integers are numbers). */
export function accepts(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

/** A lower or upper bound: its value and whether it is exclusive. */
export type Bound = { value: number; exclusive: boolean };

/** The lower bound of a number schema, reading both 3.0 (boolean) and 3.1 (number) exclusiveMinimum. */
export function lowerBound(s: any): Bound | null {
  return bound(s?.minimum, s?.exclusiveMinimum, 1);
}

/** The upper bound of a number schema. */
export function upperBound(s: any): Bound | null {
  return bound(s?.maximum, s?.exclusiveMaximum, -1);
}

function bound(inclusive: unknown, exclusive: unknown, sign: 1 | -1): Bound | null {
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true });
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (sign * (b.value - a.value) > 0 || (b.value === a.value && b.exclusive) ? b : a));
}

/**
 * Merges `allOf` members into one schema: properties joined, `required` united, other keys
 * taken from the first member that sets them. Refs are followed; a member seen twice is skipped.
 */
export function mergeAllOf(doc: unknown, schema: any, seen: Set<any> = new Set()): any {
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema.allOf)) return schema;
  if (seen.has(schema)) return {};
  seen.add(schema);
  const { allOf, ...rest } = schema;
  const merged: any = { ...rest, properties: { ...(rest.properties ?? {}) }, required: [...(rest.required ?? [])] };
  for (const member of allOf) {
    const part = mergeAllOf(doc, deref(doc, member).node, seen);
    if (!part || typeof part !== 'object') continue;
    Object.assign(merged.properties, part.properties ?? {});
    merged.required.push(...(part.required ?? []));
    for (const [key, value] of Object.entries(part)) {
      if (key !== 'properties' && key !== 'required' && !(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(merged.properties).length === 0) delete merged.properties;
  if (merged.required.length === 0) delete merged.required;
  else merged.required = [...new Set(merged.required)];
  if (merged.properties && !merged.type) merged.type = 'object';
  return merged;
}
