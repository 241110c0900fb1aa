/**
 * Second pass over one file: every HTTP call, with its method, its URL as a path template,
 * its line and the function it sits in. Calls whose URL or method cannot be known statically
 * are returned as unresolved, never dropped.
 */
import ts from 'typescript';
import { normalisePath } from '../spec/path-template';
import { type CallShape, callShape, staticMethod } from './call-styles';
import type { ClientFacts } from './client-facts';
import { dataLayerShape } from './data-layers';
import { enclosingFunction } from './enclosing-function';
import { type SdkMethods, sdkOperation } from './sdk-calls';
import type { FoundCall, UnresolvedCall } from './types';
import { resolveUrl, shortText, urlParts } from './url-parts';

/** How to read calls through `@lockstep/sdk`: its facade table, when the project imports it. */
export type SdkContext = { methods: SdkMethods } | null;

/** The calls found in one file. */
export type FileCalls = { calls: FoundCall[]; unresolved: UnresolvedCall[] };

/** Finds the HTTP calls in one parsed file; `file` is the path reported for it. */
export function extractCalls(sf: ts.SourceFile, file: string, facts: ClientFacts, sdk: SdkContext = null): FileCalls {
  const out: FileCalls = { calls: [], unresolved: [] };
  const ctx = { sf, file, component: componentName(file), out };
  const hasCall = (root: ts.Node) => containsCall(root, facts);
  const visit = (node: ts.Node): void => {
    const operationId = sdk && ts.isCallExpression(node) ? sdkOperation(node, sdk.methods) : null;
    const layer = !operationId && ts.isCallExpression(node) ? dataLayerShape(node, hasCall) : null;
    if (operationId)
      out.calls.push({
        ...whereOf(node, ctx),
        method: '',
        path: '',
        client: 'lockstep-sdk',
        namedOperation: operationId,
      });
    else if (layer) record(node, layer, ctx, layer.base);
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const shape = callShape(node, facts);
      if (shape) record(node, shape, ctx);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Whether a subtree makes an HTTP call in one of the call styles. */
function containsCall(root: ts.Node, facts: ClientFacts): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && callShape(node, facts)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

type Context = { sf: ts.SourceFile; file: string; component: string; out: FileCalls };

function whereOf(node: ts.Node, ctx: Context) {
  return {
    file: ctx.file,
    line: ctx.sf.getLineAndCharacterOfPosition(node.getStart(ctx.sf)).line + 1,
    function: enclosingFunction(node, ctx.component),
  };
}

function record(node: ts.Node, shape: CallShape, ctx: Context, base?: string): void {
  const where = whereOf(node, ctx);
  if (!shape.url) {
    ctx.out.unresolved.push({ ...where, expression: shortText(node), reason: 'the call has no URL argument' });
    return;
  }
  const url = resolveUrl(shape.url);
  if (shape.guessed === 'function' && !('path' in url && startsLikeUrl(shape.url))) return;
  if (shape.guessed === 'receiver' && 'path' in url && !startsLikeUrl(shape.url)) return;
  if ('reason' in url) {
    ctx.out.unresolved.push({ ...where, expression: shortText(shape.url), reason: url.reason });
    return;
  }
  const method = staticMethod(shape.method);
  if (!method) {
    const expression = typeof shape.method === 'string' ? shape.method : shortText(shape.method);
    ctx.out.unresolved.push({
      ...where,
      expression,
      reason: `the method \`${expression}\` is not static (path ${url.path})`,
    });
    return;
  }
  const withBase = base ? joinBase(base, url.path) : { path: url.path, host: url.host };
  ctx.out.calls.push({
    ...where,
    method,
    path: withBase.path,
    client: shape.client,
    ...(withBase.host ? { host: withBase.host } : {}),
  });
}

/** A data layer's base URL (`https://api.x.dev/v1`, `/api`) before a call's path. */
function joinBase(base: string, path: string): { path: string; host?: string } {
  const match = /^(?:https?:)?\/\/([^/]+)(.*)$/i.exec(base);
  const basePath = (match ? match[2] : base).replace(/\/+$/, '');
  return { path: normalisePath(`${basePath}/${path}`), ...(match ? { host: match[1].toLowerCase() } : {}) };
}

/** Whether a URL expression starts like a URL: `/`, a scheme, or a base expression and then `/`. */
function startsLikeUrl(node: ts.Expression): boolean {
  const parts = urlParts(node, 0).filter((p) => !('text' in p) || p.text !== '');
  const [first, second] = parts;
  if (first && 'text' in first) return /^(\/|https?:|wss?:)/i.test(first.text);
  return second !== undefined && 'text' in second && second.text.startsWith('/');
}

/** `AuthPage` for `src/pages/AuthPage.vue`: names default exports and anonymous components. */
function componentName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
