/** Compares one operation across two specs: parameters, request body, responses, security, texts. */

import { deref, effectiveSecurity } from '@lockstep/contract';
import type { ChangeLog } from './change';
import { compareSchema, type SchemaContext } from './compare-schema';
import { compareSecurity } from './compare-security';

/** One side of an operation: its document, path, path item and operation object. */
export type OperationSide = { doc: any; path: string; item: any; op: any };

/** Records every change between two versions of one operation. */
export function compareOperation(method: string, before: OperationSide, after: OperationSide, log: ChangeLog): void {
  const scope = `${method} ${after.path}`;
  const o = before.op;
  const n = after.op;
  if (o.operationId !== n.operationId) {
    log.add(
      scope,
      '',
      'operation-id-changed',
      `operationId ${o.operationId ?? 'none'} → ${n.operationId ?? 'none'} (generated SDK method names change)`,
    );
  }
  for (const field of ['summary', 'description'] as const) {
    if ((o[field] ?? '') !== (n[field] ?? '')) log.add(scope, '', 'description-changed', `${field} changed`);
  }
  if (!o.deprecated && n.deprecated) log.add(scope, '', 'operation-deprecated', 'operation deprecated');
  const ctx = (direction: SchemaContext['direction']): SchemaContext => ({
    oldDoc: before.doc,
    newDoc: after.doc,
    log,
    scope,
    direction,
  });
  compareParameters(before, after, ctx('request'));
  compareBody(deref(before.doc, o.requestBody).node, deref(after.doc, n.requestBody).node, ctx('request'));
  compareResponses(o.responses ?? {}, n.responses ?? {}, ctx('response'));
  const security = compareSecurity(effectiveSecurity(before.doc, o), effectiveSecurity(after.doc, n));
  if (security)
    log.add(scope, 'security', security.breaking ? 'security-tightened' : 'security-relaxed', security.detail);
}

/** Path-level and operation-level parameters, keyed `in.name` (path parameters by position). */
function parameters(side: OperationSide): Map<string, any> {
  const out = new Map<string, any>();
  const templateNames = [...side.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const raw of [...(side.item.parameters ?? []), ...(side.op.parameters ?? [])]) {
    const p = deref(side.doc, raw).node;
    if (!p?.name || !p.in) continue;
    const key = p.in === 'path' ? `path.#${templateNames.indexOf(p.name)}` : `${p.in}.${p.name}`;
    out.set(key, p);
  }
  return out;
}

function compareParameters(before: OperationSide, after: OperationSide, ctx: SchemaContext): void {
  const a = parameters(before);
  const b = parameters(after);
  for (const [key, p] of a) {
    if (!b.has(key))
      ctx.log.add(ctx.scope, `${p.in}.${p.name}`, 'parameter-removed', `${p.in} parameter removed (now ignored)`);
  }
  for (const [key, p] of b) {
    const where = `${p.in}.${p.name}`;
    const old = a.get(key);
    if (!old) {
      const required = p.required === true;
      ctx.log.add(
        ctx.scope,
        where,
        required ? 'parameter-added-required' : 'parameter-added',
        `new ${required ? 'required' : 'optional'} ${p.in} parameter`,
      );
      continue;
    }
    if (!old.required && p.required) ctx.log.add(ctx.scope, where, 'parameter-required', 'parameter became required');
    if (old.required && !p.required) ctx.log.add(ctx.scope, where, 'requirement-relaxed', 'parameter now optional');
    compareSchema(old.schema, p.schema, where, ctx);
  }
}

function compareBody(o: any, n: any, ctx: SchemaContext): void {
  if (!o && !n) return;
  if (!o) {
    const required = n.required === true;
    ctx.log.add(
      ctx.scope,
      'request.body',
      required ? 'request-body-added-required' : 'request-body-added',
      `new ${required ? 'required' : 'optional'} request body`,
    );
    return;
  }
  if (!n) {
    ctx.log.add(ctx.scope, 'request.body', 'request-body-removed', 'request body removed (now ignored)');
    return;
  }
  if (!o.required && n.required)
    ctx.log.add(ctx.scope, 'request.body', 'request-body-required', 'request body became required');
  compareContent(o.content ?? {}, n.content ?? {}, 'request.body', ctx);
}

function compareContent(o: Record<string, any>, n: Record<string, any>, where: string, ctx: SchemaContext): void {
  const request = ctx.direction === 'request';
  for (const type of Object.keys(o)) {
    if (!(type in n))
      ctx.log.add(ctx.scope, where, 'media-type-removed', `${type} no longer ${request ? 'accepted' : 'returned'}`);
  }
  for (const type of Object.keys(n)) {
    if (!(type in o))
      ctx.log.add(ctx.scope, where, 'media-type-added', `${type} now ${request ? 'accepted' : 'returned'}`);
  }
  const shared = Object.keys(o).filter((type) => type in n);
  for (const type of shared) {
    const label = shared.length > 1 ? `${where}(${type})` : where;
    compareSchema(o[type]?.schema, n[type]?.schema, label, ctx);
  }
}

function compareResponses(o: Record<string, any>, n: Record<string, any>, ctx: SchemaContext): void {
  for (const code of Object.keys(o)) {
    if (code in n) continue;
    const success = code.startsWith('2');
    ctx.log.add(
      ctx.scope,
      `response.${code}`,
      success ? 'success-status-removed' : 'status-removed',
      success ? 'success status removed' : 'status removed',
    );
  }
  for (const code of Object.keys(n)) {
    if (!(code in o)) ctx.log.add(ctx.scope, `response.${code}`, 'status-added', 'status added');
  }
  for (const code of Object.keys(o).filter((c) => c in n)) {
    const a = deref(ctx.oldDoc, o[code]).node ?? {};
    const b = deref(ctx.newDoc, n[code]).node ?? {};
    compareHeaders(a.headers ?? {}, b.headers ?? {}, `response.${code}`, ctx);
    compareContent(a.content ?? {}, b.content ?? {}, `response.${code}.body`, ctx);
  }
}

function compareHeaders(o: Record<string, any>, n: Record<string, any>, where: string, ctx: SchemaContext): void {
  const lower = (h: Record<string, any>) =>
    new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const a = lower(o);
  const b = lower(n);
  for (const [key, [name]] of a) {
    if (!b.has(key))
      ctx.log.add(ctx.scope, `${where}.header.${name}`, 'response-header-removed', 'header no longer sent');
  }
  for (const [key, [name, header]] of b) {
    const old = a.get(key);
    if (!old) ctx.log.add(ctx.scope, `${where}.header.${name}`, 'response-header-added', 'header added');
    else
      compareSchema(
        deref(ctx.oldDoc, old[1]).node?.schema,
        deref(ctx.newDoc, header).node?.schema,
        `${where}.header.${name}`,
        ctx,
      );
  }
}
