/**
 * Pairs the variants of two versions of a `oneOf`/`anyOf` by identity, never by position:
 * the `$ref` name, then the discriminator value, the `title`, a `const` (or one-value `enum`)
 * on the same property, an identical schema, and last structural similarity. What stays unpaired was added or removed.
 */
import { deref, refName } from '@lockstep/contract';
import { mergeAllOf } from '../spec/schema-facets';
import { schemaTypes } from './compare-facets';

/** One side of a union: its document, its raw members, and the union schema (for its discriminator). */
export type UnionSide = { doc: unknown; members: any[]; union: any };

/** A member of a union, resolved, with the name it is shown under. */
export type Variant = { index: number; raw: any; schema: any; label: string };

/** Paired variants (before, after), and those only before (removed) or only after (added). */
export type VariantMatch = { pairs: Array<[Variant, Variant]>; removed: Variant[]; added: Variant[] };

type KeyOf = (v: Variant, side: UnionSide) => string[];

const IDENTITIES: KeyOf[] = [
  (v) => (refName(v.raw?.$ref) ? [`ref:${refName(v.raw.$ref)}`] : []),
  (v, side) => discriminatorValues(v, side).map((d) => `discriminator:${d}`),
  (v) => (typeof v.schema?.title === 'string' ? [`title:${v.schema.title}`] : []),
  (v) => constTags(v.schema),
  (v) => [`same:${JSON.stringify(v.schema)}`],
];

const SIMILAR_ENOUGH = 0.5;

/** Pairs `before`'s members with `after`'s. `{type: 'null'}` members are left to the nullability rules. */
export function matchVariants(before: UnionSide, after: UnionSide): VariantMatch {
  let left = variants(before);
  let right = variants(after);
  const pairs: Array<[Variant, Variant]> = [];
  for (const keyOf of IDENTITIES) {
    const found = pairByKey(
      left,
      right,
      (v) => keyOf(v, before),
      (v) => keyOf(v, after),
    );
    pairs.push(...found);
    left = left.filter((v) => !found.some(([a]) => a === v));
    right = right.filter((v) => !found.some(([, b]) => b === v));
  }
  const similar = pairBySimilarity(before.doc, after.doc, left, right);
  pairs.push(...similar);
  return {
    pairs,
    removed: left.filter((v) => !similar.some(([a]) => a === v)),
    added: right.filter((v) => !similar.some(([, b]) => b === v)),
  };
}

function variants(side: UnionSide): Variant[] {
  const out: Variant[] = [];
  side.members.forEach((raw, index) => {
    const schema = mergeAllOf(side.doc, deref(side.doc, raw).node) ?? {};
    if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null'))
      return;
    out.push({ index, raw, schema, label: labelOf(raw, schema, index, side) });
  });
  return out;
}

function labelOf(raw: any, schema: any, index: number, side: UnionSide): string {
  const name = refName(raw?.$ref) ?? discriminatorValues({ index, raw, schema, label: '' }, side)[0] ?? schema.title;
  if (name) return name;
  const tag = constTags(schema)[0];
  return tag ? tag.replace(/^const:/, '') : `#${index}`;
}

/** Pairs variants whose key is the same and unique on both sides. */
function pairByKey(
  left: Variant[],
  right: Variant[],
  keysLeft: (v: Variant) => string[],
  keysRight: (v: Variant) => string[],
): Array<[Variant, Variant]> {
  const index = (list: Variant[], keysOf: (v: Variant) => string[]) => {
    const map = new Map<string, Variant[]>();
    for (const v of list) for (const k of new Set(keysOf(v))) map.set(k, [...(map.get(k) ?? []), v]);
    return map;
  };
  const a = index(left, keysLeft);
  const b = index(right, keysRight);
  const out: Array<[Variant, Variant]> = [];
  const used = new Set<Variant>();
  for (const [key, list] of a) {
    const other = b.get(key);
    if (list.length !== 1 || other?.length !== 1 || used.has(list[0]) || used.has(other[0])) continue;
    out.push([list[0], other[0]]);
    used.add(list[0]).add(other[0]);
  }
  return out;
}

/** The discriminator values that select this variant: from the mapping, else its property's const. */
function discriminatorValues(v: Variant, side: UnionSide): string[] {
  const discriminator = side.union?.discriminator;
  const property = discriminator?.propertyName;
  if (typeof property !== 'string') return [];
  const out: string[] = [];
  for (const [value, target] of Object.entries<any>(discriminator.mapping ?? {}))
    if (typeof v.raw?.$ref === 'string' && (target === v.raw.$ref || refName(target) === refName(v.raw.$ref)))
      out.push(value);
  const own = deref(side.doc, v.schema.properties?.[property]).node;
  if (own && 'const' in own) out.push(String(own.const));
  if (Array.isArray(own?.enum) && own.enum.length === 1) out.push(String(own.enum[0]));
  if (out.length === 0 && refName(v.raw?.$ref)) out.push(refName(v.raw.$ref)!);
  return out;
}

/** `const:kind=card` for each property fixed to one value (a tagged union's tag). */
function constTags(schema: any): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries<any>(schema?.properties ?? {})) {
    if (prop && typeof prop === 'object' && 'const' in prop) out.push(`const:${name}=${JSON.stringify(prop.const)}`);
    else if (Array.isArray(prop?.enum) && prop.enum.length === 1)
      out.push(`const:${name}=${JSON.stringify(prop.enum[0])}`);
  }
  return out;
}

/** Greedy pairing by structural similarity, best first, above a threshold. */
function pairBySimilarity(
  oldDoc: unknown,
  newDoc: unknown,
  left: Variant[],
  right: Variant[],
): Array<[Variant, Variant]> {
  const scored: Array<[number, Variant, Variant]> = [];
  for (const a of left)
    for (const b of right) {
      const score = similarity(oldDoc, newDoc, a.schema, b.schema);
      if (score >= SIMILAR_ENOUGH) scored.push([score, a, b]);
    }
  scored.sort((x, y) => y[0] - x[0] || x[1].index - y[1].index || x[2].index - y[2].index);
  const used = new Set<Variant>();
  const out: Array<[Variant, Variant]> = [];
  for (const [, a, b] of scored) {
    if (used.has(a) || used.has(b)) continue;
    out.push([a, b]);
    used.add(a).add(b);
  }
  return out;
}

/** 0..1: the same types, then the share of property names (Jaccard) or of item shapes. */
export function similarity(oldDoc: unknown, newDoc: unknown, a: any, b: any): number {
  const ta = schemaTypes(oldDoc, a);
  const tb = schemaTypes(newDoc, b);
  const sameTypes = !ta || !tb ? ta === tb : ta.size === tb.size && [...ta].every((t) => tb.has(t));
  const pa = Object.keys(a?.properties ?? {});
  const pb = Object.keys(b?.properties ?? {});
  if (pa.length === 0 && pb.length === 0) {
    if (!sameTypes) return 0;
    if (a?.items || b?.items)
      return similarity(oldDoc, newDoc, deref(oldDoc, a?.items).node, deref(newDoc, b?.items).node);
    return 1;
  }
  const shared = pa.filter((p) => pb.includes(p)).length;
  const jaccard = shared / (pa.length + pb.length - shared);
  return sameTypes ? jaccard : jaccard / 2;
}
