/**
 * Compares two versions of a schema in one direction. In a request, the client writes and the
 * server reads: narrowing what the server accepts breaks clients. In a response, the server
 * writes and the client reads: removing fields or sending what clients never saw breaks them.
 */
import { deref } from '@lockstep/contract';
import { mergeAllOf } from '../spec/schema-facets';
import type { ChangeLog } from './change';
import {
  compareBounds,
  compareEnum,
  compareFormats,
  compareText,
  compareTypes,
  type Direction,
  type FacetSink,
  schemaTypes,
} from './compare-facets';
import { compareVariants, unionKey } from './compare-variants';

export type { Direction } from './compare-facets';

/** What a schema comparison needs: both documents, where results go, and the operation compared. */
export type SchemaContext = { oldDoc: unknown; newDoc: unknown; log: ChangeLog; scope: string; direction: Direction };

const sinks = new WeakMap<SchemaContext, FacetSink>();

/** The facet sink of a context, made once per context rather than once per schema node. */
function sinkOf(ctx: SchemaContext): FacetSink {
  let sink = sinks.get(ctx);
  if (!sink) {
    sink = { direction: ctx.direction, report: (w, kind, detail) => ctx.log.add(ctx.scope, w, kind, detail) };
    sinks.set(ctx, sink);
  }
  return sink;
}

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
  const sink = sinkOf(ctx);
  const kb = unionKey(o);
  const ka = unionKey(n);
  const unionOnly = (kb !== null || ka !== null) && !(o.type && n.type);
  compareTypes(schemaTypes(ctx.oldDoc, o), schemaTypes(ctx.newDoc, n), where, sink, unionOnly);
  compareText(o, n, where, sink);
  const faceToFace = (kb === null) === (ka === null) || (o.properties !== undefined && n.properties !== undefined);
  if (faceToFace) {
    compareEnum(o, n, where, sink);
    compareBounds(o, n, where, sink);
    compareFormats(o, n, where, sink);
    compareProperties(o, n, where, ctx, next);
    if (o.items || n.items) compareSchema(o.items, n.items, `${where}[]`, ctx, next);
    compareAdditional(o, n, where, ctx, next);
  }
  if (kb || ka) {
    compareVariants(o, n, where, faceToFace, {
      oldDoc: ctx.oldDoc,
      newDoc: ctx.newDoc,
      direction: ctx.direction,
      report: sink.report,
      recurse: (x, y, w) => compareSchema(x, y, w, ctx, next),
    });
  }
}

function compareProperties(o: any, n: any, where: string, ctx: SchemaContext, stack: string[]): void {
  const before: Record<string, any> = o.properties ?? {};
  const after: Record<string, any> = n.properties ?? {};
  const reqBefore = new Set<string>(o.required ?? []);
  const reqAfter = new Set<string>(n.required ?? []);
  const request = ctx.direction === 'request';
  const at = (name: string) => (where ? `${where}.${name}` : name);
  const add = (name: string, kind: Parameters<ChangeLog['add']>[2], detail: string) =>
    ctx.log.add(ctx.scope, at(name), kind, detail);
  for (const name of Object.keys(before)) {
    if (Object.hasOwn(after, name) || hidden(ctx.oldDoc, ctx.direction, before[name])) continue;
    if (!request)
      add(
        name,
        reqBefore.has(name) ? 'response-field-removed' : 'response-optional-field-removed',
        'field removed from the response',
      );
    else if (n.additionalProperties === false)
      add(name, 'request-field-removed-closed', 'field removed; unknown fields are rejected');
    else add(name, 'request-field-removed', 'field removed (now ignored)');
  }
  for (const name of Object.keys(after)) {
    if (Object.hasOwn(before, name)) continue;
    if (request && reqAfter.has(name) && !hidden(ctx.newDoc, ctx.direction, after[name]))
      add(name, 'request-field-required', 'new required field');
    else
      add(name, request ? 'request-field-added' : 'response-field-added', request ? 'new optional field' : 'new field');
  }
  for (const name of Object.keys(before)) {
    if (!Object.hasOwn(after, name)) continue;
    const was = reqBefore.has(name);
    const is = reqAfter.has(name);
    if (was !== is && !hidden(ctx.newDoc, ctx.direction, after[name])) {
      if (request && is) add(name, 'request-field-required', 'field became required');
      else if (!request && !is) add(name, 'response-field-optional', 'field no longer always present');
      else add(name, 'requirement-relaxed', is ? 'field now always present' : 'field now optional');
    }
    compareSchema(before[name], after[name], at(name), ctx, stack);
  }
}

/** Read-only fields are never sent in requests, write-only ones never received in responses. */
function hidden(doc: unknown, direction: Direction, schema: any): boolean {
  const s = deref(doc, schema).node;
  return direction === 'request' ? s?.readOnly === true : s?.writeOnly === true;
}

function compareAdditional(o: any, n: any, where: string, ctx: SchemaContext, stack: string[]): void {
  const before = o.additionalProperties;
  const after = n.additionalProperties;
  if (ctx.direction === 'request' && after === false && before !== false && (o.type === 'object' || o.properties)) {
    ctx.log.add(ctx.scope, where, 'additional-properties-closed', 'unknown fields are now rejected');
  }
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    compareSchema(before, after, `${where}.*`, ctx, stack);
  }
}
