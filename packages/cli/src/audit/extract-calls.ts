/**
 * Second pass over one file: every HTTP call, with its method, its URL as a path template,
 * its line and the function it sits in. Calls whose URL or method cannot be known statically
 * are returned as unresolved, never dropped.
 */
import ts from 'typescript';
import { type CallShape, callShape, staticMethod } from './call-styles';
import type { ClientFacts } from './client-facts';
import { enclosingFunction } from './enclosing-function';
import type { FoundCall, UnresolvedCall } from './types';
import { resolveUrl, shortText, urlParts } from './url-parts';

/** The calls found in one file. */
export type FileCalls = { calls: FoundCall[]; unresolved: UnresolvedCall[] };

/** Finds the HTTP calls in one parsed file; `file` is the path reported for it. */
export function extractCalls(sf: ts.SourceFile, file: string, facts: ClientFacts): FileCalls {
  const out: FileCalls = { calls: [], unresolved: [] };
  const component = componentName(file);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const shape = callShape(node, facts);
      if (shape) record(node, shape, { sf, file, component, out });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

type Context = { sf: ts.SourceFile; file: string; component: string; out: FileCalls };

function record(node: ts.Node, shape: CallShape, ctx: Context): void {
  const where = {
    file: ctx.file,
    line: ctx.sf.getLineAndCharacterOfPosition(node.getStart(ctx.sf)).line + 1,
    function: enclosingFunction(node, ctx.component),
  };
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
  ctx.out.calls.push({ ...where, method, path: url.path, client: shape.client });
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
