/**
 * Compares two versions of a schema in one direction. In a request, the client writes and the
 * server reads: narrowing what the server accepts breaks clients. In a response, the server
 * writes and the client reads: removing or widening what the client may receive breaks it.
 */

import { deref } from '@lockstep/contract';
import { accepts, lowerBound, mergeAllOf, typesOf, upperBound } from '../spec/schema-facets';
import type { ChangeLog } from './change';

/** Which side reads the schema. */
export type Direction = 'request' | 'response';

/** What a schema comparison needs: both documents, where results go, and the operation compared. */
export type SchemaContext = { oldDoc: unknown; newDoc: unknown; log: ChangeLog; scope: string; direction: Direction };

const LENGTHS: Array<[string, string, string]> = [
  ['minLength', 'maxLength', 'length'],
  ['minItems', 'maxItems', 'items'],
  ['minProperties', 'maxProperties', 'properties'],
];

/** Compares `before` and `after` at `where` (`request.body.email`), recursing into the structure. */
export function compareSchema(before: any, after: any, where: string, ctx: SchemaContext, stack: string[] = []): void {
  if (!before || !after) return;
  const a = deref(ctx.oldDoc, before);
  const b = deref(ctx.newDoc, after);
  const key = `${a.ref ?? ''}|${b.ref ?? ''}`;
  if (a.ref && b.ref && stack.includes(key)) return;
  const next = a.ref && b.ref ? [...stack, key] : stack;
  const o = mergeAllOf(ctx.oldDoc, a.node);
  const n = mergeAllOf(ctx.newDoc, b.node);
  if (!o || !n || typeof o !== 'object' || typeof n !== 'object') return;
  compareTypes(o, n, where, ctx);
  compareEnum(o, n, where, ctx);
  compareBounds(o, n, where, ctx);
  compareText(o, n, where, ctx);
  compareProperties(o, n, where, ctx, next);
  if (o.items || n.items) compareSchema(o.items, n.items, `${where}[]`, ctx, next);
  compareAdditional(o, n, where, ctx, next);
  for (const k of ['oneOf', 'anyOf'] as const) compareVariants(o, n, k, where, ctx, next);
}

function add(ctx: SchemaContext, where: string, kind: string, breaking: boolean, detail: string): void {
  ctx.log.add(ctx.scope, where, kind, breaking, detail);
}

function compareTypes(o: any, n: any, where: string, ctx: SchemaContext): void {
  const before = typesOf(o);
  const after = typesOf(n);
  if (!before && !after) return;
  const show = (t: Set<string> | null) => (t ? [...t].join(' | ') : 'any');
  if (before && after && [...before].every((t) => after.has(t)) && [...after].every((t) => before.has(t))) return;
  const narrowed = before !== null && (after === null ? false : [...before].some((t) => !accepts(after, t)));
  const widened = after === null || (before !== null && [...after].some((t) => !accepts(before, t)));
  const breaking = ctx.direction === 'request' ? narrowed : widened;
  add(ctx, where, `${ctx.direction}-field-retyped`, breaking, `type ${show(before)} → ${show(after)}`);
}

function compareEnum(o: any, n: any, where: string, ctx: SchemaContext): void {
  const before: unknown[] | null = Array.isArray(o.enum) ? o.enum : null;
  const after: unknown[] | null = Array.isArray(n.enum) ? n.enum : null;
  if (!before && !after) return;
  const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
  if (!before || !after) {
    const restricted = after !== null;
    const detail = restricted ? `now restricted to ${list(after)}` : `no longer restricted (was ${list(before!)})`;
    const breaking = ctx.direction === 'request' ? restricted : !restricted;
    add(ctx, where, restricted ? 'enum-narrowed' : 'enum-widened', breaking, detail);
    return;
  }
  const keys = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v)));
  const removed = [...keys(before)].filter((v) => !keys(after).has(v));
  const added = [...keys(after)].filter((v) => !keys(before).has(v));
  if (removed.length > 0) {
    const breaking = ctx.direction === 'request';
    add(ctx, where, 'enum-narrowed', breaking, `value${removed.length > 1 ? 's' : ''} removed: ${removed.join(', ')}`);
  }
  if (added.length > 0) {
    const breaking = ctx.direction === 'response';
    const note = breaking ? ' (clients that switch over the values may not handle it)' : '';
    add(
      ctx,
      where,
      breaking ? 'enum-value-added' : 'enum-widened',
      breaking,
      `value${added.length > 1 ? 's' : ''} added: ${added.join(', ')}${note}`,
    );
  }
}

function compareBounds(o: any, n: any, where: string, ctx: SchemaContext): void {
  const request = ctx.direction === 'request';
  const lo = [lowerBound(o), lowerBound(n)];
  const hi = [upperBound(o), upperBound(n)];
  const steps: Array<[string, number]> = [];
  if (differs(lo[0], lo[1])) steps.push([`minimum ${show(lo[0])} → ${show(lo[1])}`, tighter(lo[0], lo[1], 1)]);
  if (differs(hi[0], hi[1])) steps.push([`maximum ${show(hi[0])} → ${show(hi[1])}`, tighter(hi[0], hi[1], -1)]);
  for (const [min, max] of LENGTHS) {
    if (o[min] !== n[min])
      steps.push([`${min} ${o[min] ?? 'none'} → ${n[min] ?? 'none'}`, cmp(o[min] ?? 0, n[min] ?? 0)]);
    if (o[max] !== n[max])
      steps.push([`${max} ${o[max] ?? 'none'} → ${n[max] ?? 'none'}`, cmp(n[max] ?? Infinity, o[max] ?? Infinity)]);
  }
  for (const [detail, narrowed] of steps) {
    add(ctx, where, narrowed > 0 ? 'range-narrowed' : 'range-widened', request && narrowed > 0, detail);
  }
  for (const facet of ['pattern', 'format'] as const) {
    if (o[facet] === n[facet]) continue;
    const breaking = request && n[facet] !== undefined;
    add(
      ctx,
      where,
      `${facet}-changed`,
      breaking,
      `${facet} ${o[facet] ?? 'none'} → ${n[facet] ?? 'none'}${breaking ? ' (may reject values accepted before)' : ''}`,
    );
  }
}

function differs(a: ReturnType<typeof lowerBound>, b: ReturnType<typeof lowerBound>): boolean {
  return a?.value !== b?.value || a?.exclusive !== b?.exclusive;
}

function show(b: ReturnType<typeof lowerBound>): string {
  return b ? `${b.value}${b.exclusive ? ' (exclusive)' : ''}` : 'none';
}

/** 1 when `after` is a tighter bound than `before` (sign 1: lower bounds, -1: upper bounds), else -1. */
function tighter(before: ReturnType<typeof lowerBound>, after: ReturnType<typeof lowerBound>, sign: 1 | -1): number {
  if (!after) return -1;
  if (!before) return 1;
  if (after.value !== before.value) return sign * (after.value - before.value) > 0 ? 1 : -1;
  return after.exclusive ? 1 : -1;
}

function cmp(before: number, after: number): number {
  return after > before ? 1 : -1;
}

function compareText(o: any, n: any, where: string, ctx: SchemaContext): void {
  if ((o.description ?? '') !== (n.description ?? ''))
    add(ctx, where, 'description-changed', false, 'description changed');
  if (JSON.stringify(o.default) !== JSON.stringify(n.default)) {
    add(
      ctx,
      where,
      'default-changed',
      false,
      `default ${JSON.stringify(o.default) ?? 'none'} → ${JSON.stringify(n.default) ?? 'none'}`,
    );
  }
}

function compareProperties(o: any, n: any, where: string, ctx: SchemaContext, stack: string[]): void {
  const before: Record<string, any> = o.properties ?? {};
  const after: Record<string, any> = n.properties ?? {};
  const reqBefore = new Set<string>(o.required ?? []);
  const reqAfter = new Set<string>(n.required ?? []);
  const request = ctx.direction === 'request';
  const at = (name: string) => (where ? `${where}.${name}` : name);
  for (const name of Object.keys(before)) {
    if (name in after) continue;
    if (!request) add(ctx, at(name), 'response-field-removed', true, 'field removed from the response');
    else {
      const closed = n.additionalProperties === false;
      add(
        ctx,
        at(name),
        'request-field-removed',
        closed,
        closed ? 'field removed; unknown fields are rejected' : 'field removed (now ignored)',
      );
    }
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const skipped = hidden(ctx, after[name]);
    if (request && reqAfter.has(name) && !skipped)
      add(ctx, at(name), 'request-field-required', true, 'new required field');
    else add(ctx, at(name), `${ctx.direction}-field-added`, false, request ? 'new optional field' : 'new field');
  }
  for (const name of Object.keys(before)) {
    if (!(name in after)) continue;
    const was = reqBefore.has(name);
    const is = reqAfter.has(name);
    if (was !== is && !(request && hidden(ctx, after[name]))) {
      if (request ? is : !is) {
        const [kind, detail] = request
          ? ['request-field-required', 'field became required']
          : ['response-field-optional', 'field no longer always present'];
        add(ctx, at(name), kind, true, detail);
      } else {
        add(ctx, at(name), 'requirement-relaxed', false, is ? 'field now always present' : 'field now optional');
      }
    }
    compareSchema(before[name], after[name], at(name), ctx, stack);
  }
}

/** Read-only fields are never sent in requests, write-only ones never received in responses. */
function hidden(ctx: SchemaContext, schema: any): boolean {
  const s = deref(ctx.newDoc, schema).node;
  return ctx.direction === 'request' ? s?.readOnly === true : s?.writeOnly === true;
}

function compareAdditional(o: any, n: any, where: string, ctx: SchemaContext, stack: string[]): void {
  const before = o.additionalProperties;
  const after = n.additionalProperties;
  if (ctx.direction === 'request' && after === false && before !== false && (o.type === 'object' || o.properties)) {
    add(ctx, where, 'additional-properties-closed', true, 'unknown fields are now rejected');
  }
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    compareSchema(before, after, `${where}.*`, ctx, stack);
  }
}

function compareVariants(
  o: any,
  n: any,
  k: 'oneOf' | 'anyOf',
  where: string,
  ctx: SchemaContext,
  stack: string[],
): void {
  const before: any[] = o[k] ?? [];
  const after: any[] = n[k] ?? [];
  if (before.length === 0 && after.length === 0) return;
  const shared = Math.min(before.length, after.length);
  for (let i = 0; i < shared; i++) compareSchema(before[i], after[i], `${where}.${k}[${i}]`, ctx, stack);
  const note = `${k} variants compared by position`;
  if (after.length > before.length) {
    const breaking = ctx.direction === 'response';
    add(ctx, where, 'variant-added', breaking, `${after.length - before.length} ${k} variant(s) added (${note})`);
  }
  if (before.length > after.length) {
    const breaking = ctx.direction === 'request';
    add(ctx, where, 'variant-removed', breaking, `${before.length - after.length} ${k} variant(s) removed (${note})`);
  }
}
