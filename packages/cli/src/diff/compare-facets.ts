/**
 * Compares the facets of one schema pair by direction: types and nullability, enums, bounds,
 * formats and patterns, texts. A request narrowing breaks clients; a response widening may.
 */
import { deref } from '@lockstep/contract';
import { accepts, lowerBound, mergeAllOf, typesOf, upperBound } from '../spec/schema-facets';
import type { RuleId } from './rules';

/** Which side reads the schema. */
export type Direction = 'request' | 'response';

/** Where a facet comparison reports: the direction and a sink for (rule, where, detail). */
export type FacetSink = { direction: Direction; report: (where: string, kind: RuleId, detail: string) => void };

const LENGTHS: Array<[string, string]> = [
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minProperties', 'maxProperties'],
];

/**
 * The JSON types a schema admits: its `type` (with 3.0 `nullable`), else the union of its
 * `oneOf`/`anyOf` members', else the types of its `enum`/`const` values; null when untyped.
 */
export function schemaTypes(doc: unknown, schema: any, depth = 0): Set<string> | null {
  const own = typesOf(schema);
  if (own) return own;
  const values = Array.isArray(schema?.enum) ? schema.enum : 'const' in (schema ?? {}) ? [schema.const] : null;
  if (values) return new Set(values.map(jsonType));
  const members: unknown[] | undefined = schema?.oneOf ?? schema?.anyOf;
  if (!Array.isArray(members) || members.length === 0 || depth > 8) return null;
  const out = new Set<string>();
  for (const raw of members) {
    const member = schemaTypes(doc, mergeAllOf(doc, deref(doc, raw).node), depth + 1);
    if (!member) return null;
    for (const t of member) out.add(t);
  }
  if (schema.nullable === true) out.add('null');
  return out;
}

/** The JSON Schema type of a value (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Types and nullability; `unionOnly`: the variants are compared one by one, so only nullability here. */
export function compareTypes(
  before: Set<string> | null,
  after: Set<string> | null,
  where: string,
  sink: FacetSink,
  unionOnly: boolean,
): void {
  if (!before && !after) return;
  const request = sink.direction === 'request';
  const wasNull = before?.has('null') ?? false;
  const isNull = after?.has('null') ?? false;
  if (before && after && wasNull !== isNull) {
    const kind = request
      ? isNull
        ? 'request-became-nullable'
        : 'request-became-not-nullable'
      : isNull
        ? 'response-became-nullable'
        : 'response-became-not-nullable';
    sink.report(where, kind, isNull ? 'now nullable' : 'no longer nullable');
  }
  if (unionOnly) return;
  const strip = (t: Set<string> | null) => (t ? new Set([...t].filter((x) => x !== 'null')) : null);
  const o = strip(before);
  const n = strip(after);
  if (o && n && o.size === 0 && n.size === 0) return;
  if (o && n && [...o].every((t) => n.has(t)) && [...n].every((t) => o.has(t))) return;
  const narrowed = o !== null && n !== null && [...o].some((t) => !accepts(n, t));
  const widened = n === null ? o !== null : o !== null && [...n].some((t) => !accepts(o, t));
  const show = (t: Set<string> | null) => (t ? [...t].join(' | ') : 'any');
  const detail = `type ${show(before)} → ${show(after)}`;
  if (request) sink.report(where, narrowed ? 'request-type-narrowed' : 'request-type-widened', detail);
  else sink.report(where, widened ? 'response-type-widened' : 'response-type-narrowed', detail);
}

/** Enum values added and removed, and enums added or dropped. */
export function compareEnum(o: any, n: any, where: string, sink: FacetSink): void {
  const before = enumOf(o);
  const after = enumOf(n);
  if (!before && !after) return;
  const request = sink.direction === 'request';
  const list = (values: string[]) => values.join(', ');
  if (!before || !after) {
    const restricted = after !== null;
    const detail = restricted ? `now restricted to ${list(after)}` : `no longer restricted (was ${list(before!)})`;
    const kind = request
      ? restricted
        ? 'request-enum-added'
        : 'request-enum-removed'
      : restricted
        ? 'response-enum-added'
        : 'response-enum-removed';
    sink.report(where, kind, detail);
    return;
  }
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  const plural = (n: number) => (n > 1 ? 's' : '');
  if (removed.length > 0)
    sink.report(
      where,
      request ? 'request-enum-value-removed' : 'response-enum-value-removed',
      `value${plural(removed.length)} removed: ${list(removed)}`,
    );
  if (added.length > 0)
    sink.report(
      where,
      request ? 'request-enum-value-added' : 'response-enum-value-added',
      `value${plural(added.length)} added: ${list(added)}`,
    );
}

/** A schema's enum (or const) as JSON texts, nulls left out (nullability is its own rule). */
function enumOf(s: any): string[] | null {
  const values: unknown[] | null = Array.isArray(s?.enum) ? s.enum : s && 'const' in s ? [s.const] : null;
  return values ? values.filter((v) => v !== null).map((v) => JSON.stringify(v)) : null;
}

/** Numeric bounds and the length, item and property counts. */
export function compareBounds(o: any, n: any, where: string, sink: FacetSink): void {
  const steps: Array<[string, boolean]> = [];
  const lo = [lowerBound(o), lowerBound(n)] as const;
  const hi = [upperBound(o), upperBound(n)] as const;
  if (differs(lo[0], lo[1])) steps.push([`minimum ${show(lo[0])} → ${show(lo[1])}`, tighter(lo[0], lo[1], 1)]);
  if (differs(hi[0], hi[1])) steps.push([`maximum ${show(hi[0])} → ${show(hi[1])}`, tighter(hi[0], hi[1], -1)]);
  for (const [min, max] of LENGTHS) {
    if (o[min] !== n[min])
      steps.push([`${min} ${o[min] ?? 'none'} → ${n[min] ?? 'none'}`, (n[min] ?? 0) > (o[min] ?? 0)]);
    if (o[max] !== n[max])
      steps.push([`${max} ${o[max] ?? 'none'} → ${n[max] ?? 'none'}`, (n[max] ?? Infinity) < (o[max] ?? Infinity)]);
  }
  const request = sink.direction === 'request';
  for (const [detail, narrowed] of steps) {
    const kind = request
      ? narrowed
        ? 'request-range-narrowed'
        : 'request-range-widened'
      : narrowed
        ? 'response-range-narrowed'
        : 'response-range-widened';
    sink.report(where, kind, detail);
  }
}

/** `format` and `pattern`: added or changed narrows what a value may be, removed widens it. */
export function compareFormats(o: any, n: any, where: string, sink: FacetSink): void {
  for (const facet of ['format', 'pattern'] as const) {
    if (o[facet] === n[facet]) continue;
    const detail = `${facet} ${o[facet] ?? 'none'} → ${n[facet] ?? 'none'}`;
    const removed = n[facet] === undefined;
    const added = o[facet] === undefined;
    if (sink.direction === 'request')
      sink.report(where, removed ? 'request-format-removed' : 'request-format-changed', detail);
    else sink.report(where, added ? 'response-format-added' : 'response-format-changed', detail);
  }
}

/** Description and default. */
export function compareText(o: any, n: any, where: string, sink: FacetSink): void {
  if ((o.description ?? '') !== (n.description ?? '')) sink.report(where, 'description-changed', 'description changed');
  if (JSON.stringify(o.default) !== JSON.stringify(n.default))
    sink.report(
      where,
      'default-changed',
      `default ${JSON.stringify(o.default) ?? 'none'} → ${JSON.stringify(n.default) ?? 'none'}`,
    );
}

type Bound = ReturnType<typeof lowerBound>;

function differs(a: Bound, b: Bound): boolean {
  return a?.value !== b?.value || a?.exclusive !== b?.exclusive;
}

function show(b: Bound): string {
  return b ? `${b.value}${b.exclusive ? ' (exclusive)' : ''}` : 'none';
}

/** Whether `after` is a tighter bound than `before` (sign 1: lower bounds, -1: upper bounds). */
function tighter(before: Bound, after: Bound, sign: 1 | -1): boolean {
  if (!after) return false;
  if (!before) return true;
  if (after.value !== before.value) return sign * (after.value - before.value) > 0;
  return after.exclusive;
}
