/**
 * Reads the expression passed as a URL into static text and dynamic parts, following simple
 * bindings in the same file, then reduces it to a path template or says why it cannot.
 */
import ts from 'typescript';
import { findBinding, resolveValue, returnedExpression, unwrap } from './bindings';
import { type TemplateResult, toPathTemplate, type UrlPart } from './url-template';

const MAX_DEPTH = 12;

/** The path template of a URL expression, or the reason it cannot be known statically. */
export function resolveUrl(node: ts.Expression): TemplateResult {
  const parts = urlParts(node, 0);
  const result = toPathTemplate(parts);
  if ('path' in result) return result;
  const first = parts.find((p): p is Extract<UrlPart, { expr: string }> => 'expr' in p);
  const staticText = parts.some((p) => 'text' in p && p.text.replace(/[?#].*$/, '').length > 0);
  return !staticText && first?.node ? { reason: describeDynamic(first.node) } : result;
}

/** Splits a URL expression into static text and dynamic expressions. */
export function urlParts(node: ts.Expression, depth: number): UrlPart[] {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return [dynamic(n)];
  if (ts.isStringLiteralLike(n)) return [{ text: n.text }];
  if (ts.isTemplateExpression(n)) {
    const out: UrlPart[] = [{ text: n.head.text }];
    for (const span of n.templateSpans) out.push(...urlParts(span.expression, depth + 1), { text: span.literal.text });
    return out;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...urlParts(n.left, depth + 1), ...urlParts(n.right, depth + 1)];
  }
  if (ts.isConditionalExpression(n)) return conditionalParts(n, depth);
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'URL' && n.arguments?.[0]) {
    return urlParts(n.arguments[0], depth + 1);
  }
  if (ts.isCallExpression(n)) return callParts(n, depth);
  if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
    const target = resolveValue(n);
    if (target !== n && !ts.isFunctionLike(target)) return urlParts(target as ts.Expression, depth + 1);
  }
  return [dynamic(n)];
}

function conditionalParts(n: ts.ConditionalExpression, depth: number): UrlPart[] {
  const a = urlParts(n.whenTrue, depth + 1);
  const b = urlParts(n.whenFalse, depth + 1);
  if ((isEmpty(a) && startsQuery(b)) || (isEmpty(b) && startsQuery(a))) return [{ ...dynamic(n), query: true }];
  if (JSON.stringify(a.map(plain)) === JSON.stringify(b.map(plain))) return a;
  const pathA = toPathTemplate(a);
  const pathB = toPathTemplate(b);
  if ('path' in pathA && 'path' in pathB && pathA.path === pathB.path) return a;
  return [dynamic(n)];
}

function callParts(n: ts.CallExpression, depth: number): UrlPart[] {
  if (isQueryValue(n)) return [{ ...dynamic(n), query: true }];
  const callee = resolveValue(n.expression);
  if (ts.isFunctionLike(callee)) {
    const returned = returnedExpression(callee);
    if (returned) return urlParts(returned, depth + 1);
  }
  return [dynamic(n)];
}

function dynamic(n: ts.Expression): UrlPart {
  const part: UrlPart = { expr: shortText(n), node: n };
  return isQueryValue(n) ? { ...part, query: true } : part;
}

/** Whether an expression evaluates to a query string: URLSearchParams, qs.stringify and friends. */
function isQueryValue(node: ts.Expression): boolean {
  const n = resolveValue(node);
  if (ts.isFunctionLike(n)) return false;
  if (ts.isNewExpression(n)) return ts.isIdentifier(n.expression) && n.expression.text === 'URLSearchParams';
  if (!ts.isCallExpression(n)) return false;
  const callee = n.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    if (callee.name.text === 'toString') return isQueryValue(callee.expression);
    return callee.name.text === 'stringify' && ts.isIdentifier(callee.expression) && callee.expression.text !== 'JSON';
  }
  return false;
}

function isEmpty(parts: UrlPart[]): boolean {
  return parts.every((p) => 'text' in p && p.text === '');
}

function startsQuery(parts: UrlPart[]): boolean {
  const first = parts.find((p) => !('text' in p) || p.text !== '');
  return first !== undefined && 'text' in first && (first.text.startsWith('?') || first.text.startsWith('&'));
}

function plain(part: UrlPart): unknown {
  return 'text' in part ? part.text : { expr: part.expr };
}

/** An expression's source text, shortened for reports. */
export function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Why a URL expression cannot be followed statically, in words. */
export function describeDynamic(node: ts.Node): string {
  if (ts.isIdentifier(node)) {
    const binding = findBinding(node.text, node);
    if (binding?.kind === 'parameter') return `the URL comes from the parameter \`${node.text}\``;
    if (binding?.kind === 'import') return `the URL is imported from '${binding.module}'`;
    if (!binding) return `\`${node.text}\` is not declared in this file`;
    return `\`${node.text}\` is not a simple binding`;
  }
  if (ts.isCallExpression(node)) return `the URL is returned by \`${shortText(node.expression)}(...)\``;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    return `the URL is read from \`${shortText(node)}\``;
  }
  return 'the URL is computed at run time';
}
