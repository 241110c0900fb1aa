/**
 * Compares two versions of a union (`oneOf`/`anyOf`) variant by variant, paired by identity.
 * A request union that loses a variant rejects what it accepted (breaking); a response union
 * that gains one may send what clients do not handle (warning). An `anyOf` with an
 * unconstrained member (`{type: string}`, `{}`) is open: its other members of that type
 * restrict nothing, so their changes are not reported.
 */
import { deref } from '@lockstep/contract';
import { mergeAllOf } from '../spec/schema-facets';
import { schemaTypes } from './compare-facets';
import { matchVariants, type UnionSide, type Variant } from './match-variants';

/** The union keyword of a schema, if it has one. */
export type UnionKey = 'oneOf' | 'anyOf';

/** What the variant comparison needs from its caller. */
export type VariantContext = {
  oldDoc: unknown;
  newDoc: unknown;
  direction: 'request' | 'response';
  report: (
    where: string,
    kind: 'request-variant-removed' | 'request-variant-added' | 'response-variant-added' | 'response-variant-removed',
    detail: string,
  ) => void;
  recurse: (before: any, after: any, where: string) => void;
};

/** The union keyword of `schema` (`oneOf` first), or null. */
export function unionKey(schema: any): UnionKey | null {
  if (Array.isArray(schema?.oneOf) && schema.oneOf.length > 0) return 'oneOf';
  if (Array.isArray(schema?.anyOf) && schema.anyOf.length > 0) return 'anyOf';
  return null;
}

/**
 * Compares `before` and `after` as unions. A side that is not a union counts as a union of
 * itself, unless `constraintsOnly`: both sides have their own properties, and the union only
 * adds constraints to them (`anyOf: [{required: [a]}, {required: [b]}]`), compared elsewhere.
 */
export function compareVariants(
  before: any,
  after: any,
  where: string,
  constraintsOnly: boolean,
  ctx: VariantContext,
): void {
  const kb = unionKey(before);
  const ka = unionKey(after);
  const self = (s: any) => (constraintsOnly ? [] : [strip(s)]);
  const a: UnionSide = { doc: ctx.oldDoc, members: kb ? before[kb] : self(before), union: before };
  const b: UnionSide = { doc: ctx.newDoc, members: ka ? after[ka] : self(after), union: after };
  const anyObjectBefore = !kb && isOpenObject(before);
  const anyObjectAfter = !ka && isOpenObject(after);
  const k = ka ?? kb ?? 'oneOf';
  const openBefore = openTypes(a);
  const openAfter = openTypes(b);
  const covered = (v: Variant, doc: unknown) => coveredBy(schemaTypes(doc, v.schema), openBefore, openAfter);
  const match = matchVariants(a, b);
  for (const [o, n] of match.pairs) {
    if (covered(o, ctx.oldDoc) && covered(n, ctx.newDoc) && !isOpen(o.schema) && !isOpen(n.schema)) continue;
    ctx.recurse(o.raw, n.raw, `${where}.${k}[${n.label}]`);
  }
  const request = ctx.direction === 'request';
  const objectOnly = (v: Variant, doc: unknown) =>
    [...(schemaTypes(doc, v.schema) ?? ['?'])].every((t) => t === 'object');
  for (const v of match.removed) {
    if (covered(v, ctx.oldDoc) && !isOpen(v.schema)) continue;
    if (constraintOnly(v.schema) || (anyObjectAfter && objectOnly(v, ctx.oldDoc))) continue;
    ctx.report(
      `${where}.${k}[${v.label}]`,
      request ? 'request-variant-removed' : 'response-variant-removed',
      `${k} variant ${v.label} removed`,
    );
  }
  for (const v of match.added) {
    if (covered(v, ctx.newDoc) && !isOpen(v.schema)) continue;
    if (constraintOnly(v.schema) || (anyObjectBefore && objectOnly(v, ctx.newDoc))) continue;
    ctx.report(
      `${where}.${k}[${v.label}]`,
      request ? 'request-variant-added' : 'response-variant-added',
      `${k} variant ${v.label} added`,
    );
  }
}

/** Whether a schema accepts any object: nothing required, unknown properties allowed, no count bounds. */
function isOpenObject(schema: any): boolean {
  const types = schema?.type === undefined ? ['object'] : [schema.type].flat();
  return (
    types.includes('object') &&
    !(schema.required?.length > 0) &&
    schema.additionalProperties !== false &&
    schema.minProperties === undefined &&
    schema.maxProperties === undefined
  );
}

/** A member that only constrains its parent (`{required: [a]}`), with no shape of its own. */
function constraintOnly(schema: any): boolean {
  return (
    !!schema &&
    ['type', 'properties', 'items', 'enum', 'const', '$ref', 'oneOf', 'anyOf'].every((k) => schema[k] === undefined)
  );
}

/** The schema without its union keywords, for a side that is a plain schema facing a union. */
function strip(schema: any): any {
  if (!schema || typeof schema !== 'object') return schema;
  const { oneOf: _o, anyOf: _a, ...rest } = schema;
  return rest;
}

const FREE_KEYS = new Set([
  'type',
  'nullable',
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
]);

/** Whether a member accepts every value of its types (no enum, format, bounds, properties, ...). */
function isOpen(schema: any): boolean {
  return (
    !!schema &&
    typeof schema === 'object' &&
    Object.keys(schema).every((key) => FREE_KEYS.has(key) || key.startsWith('x-'))
  );
}

/** The types for which an `anyOf`/`oneOf` has an open member (`*`: an empty schema, any type). */
function openTypes(side: UnionSide): Set<string> {
  const out = new Set<string>();
  for (const raw of side.members) {
    const schema = mergeAllOf(side.doc, deref(side.doc, raw).node);
    if (!isOpen(schema)) continue;
    const types = schemaTypes(side.doc, schema);
    if (!types) out.add('*');
    else for (const t of types) out.add(t);
  }
  return out;
}

/** Whether every type of a variant is open on both sides (so the variant restricts nothing). */
function coveredBy(types: Set<string> | null, before: Set<string>, after: Set<string>): boolean {
  const open = (t: string, set: Set<string>) => set.has('*') || set.has(t) || (t === 'integer' && set.has('number'));
  if (!types) return before.has('*') && after.has('*');
  return [...types].every((t) => open(t, before) && open(t, after));
}
