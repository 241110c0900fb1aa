/**
 * Recognises one call expression as an HTTP call in one of the styles real frontends use, and
 * says where its method and URL are: axios (default export, instances, config objects), fetch,
 * ky, openapi-fetch, XMLHttpRequest#open, EventSource and WebSocket.
 */
import ts from 'typescript';
import { findBinding, propertyValue, resolveValue, unwrap } from './bindings';
import { type ClientFacts, creationKind, instanceKind, lastName, rootLibrary } from './client-facts';
import type { ClientKind } from './types';

/** Where a recognised call keeps its method and its URL. `guessed` calls were known by name only. */
export type CallShape = {
  client: ClientKind;
  method: string | ts.Expression;
  url: ts.Expression | null;
  guessed?: 'receiver' | 'function';
};

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);
const AXIOS_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'postForm',
  'putForm',
  'patchForm',
]);
const KY_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const CLIENT_METHODS = new Set([...AXIOS_METHODS, ...KY_METHODS, 'request']);
const FETCH_NAMES = new Set(['fetch', '$fetch', 'ofetch', 'useFetch', 'useLazyFetch']);
const GLOBALS = new Set(['window', 'globalThis', 'self']);
/** Receivers whose name says "HTTP client": `api`, `this.http`, `apiClient`, `$axios`, `authApi`. */
const CLIENT_NAME = /^\$?(api|http|axios|client|instance)|(api|http|client|axios|instance)$/i;
/** Plain functions whose name says "request": `request('/x')`, `apiFetch(...)`, `httpGet(...)`. */
const REQUEST_FUNCTION = /(api|http|request|fetch)/i;

/** The shape of an HTTP call, or null when the expression is not one. */
export function callShape(node: ts.CallExpression | ts.NewExpression, facts: ClientFacts): CallShape | null {
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  if (ts.isNewExpression(node)) return constructorShape(node, args);
  if (args.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a))) return null;
  const callee = unwrap(node.expression);
  if (isFetch(callee)) return fetchShape(args);
  if (ts.isPropertyAccessExpression(callee)) return memberShape(callee, args, facts);
  return callableShape(callee, args, facts);
}

function constructorShape(node: ts.NewExpression, args: ts.NodeArray<ts.Expression>): CallShape | null {
  const name = lastName(node.expression) ?? '';
  if (name.endsWith('WebSocket')) return { client: 'websocket', method: 'GET', url: args[0] ?? null };
  if (name.endsWith('EventSource')) return { client: 'event-source', method: 'GET', url: args[0] ?? null };
  return null;
}

function isFetch(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return FETCH_NAMES.has(callee.text);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'fetch' &&
    ts.isIdentifier(callee.expression) &&
    GLOBALS.has(callee.expression.text)
  );
}

function fetchShape(args: ts.NodeArray<ts.Expression>): CallShape {
  const first = args[0] ? unwrap(args[0]) : null;
  if (first && ts.isNewExpression(first) && lastName(first.expression) === 'Request' && first.arguments?.[0]) {
    return { client: 'fetch', url: first.arguments[0], method: optionsMethod(first.arguments[1]) };
  }
  return { client: 'fetch', url: args[0] ?? null, method: optionsMethod(args[1]) };
}

function memberShape(
  callee: ts.PropertyAccessExpression,
  args: ts.NodeArray<ts.Expression>,
  facts: ClientFacts,
): CallShape | null {
  const member = callee.name.text;
  if (HTTP_METHODS.has(member) && args[0]) return { client: 'openapi-fetch', method: member, url: args[0] };
  if (member === 'open' && args.length >= 2 && (isMethodLiteral(args[0]) || isXhr(callee.expression))) {
    return { client: 'xhr', method: args[0], url: args[1] };
  }
  if (!CLIENT_METHODS.has(member) || !args[0]) return null;
  const kind = receiverKind(callee.expression, facts);
  if (!kind || kind === 'openapi-fetch') return null;
  const guessed = kind === 'guess' ? ({ guessed: 'receiver' } as const) : {};
  const client: ClientKind = kind === 'guess' ? 'http-client' : kind;
  if (kind === 'ky') return KY_METHODS.has(member) ? { client, method: member.toUpperCase(), url: args[0] } : null;
  if (AXIOS_METHODS.has(member))
    return { client, method: member.replace('Form', '').toUpperCase(), url: args[0], ...guessed };
  if (member !== 'request') return null;
  if (isMethodLiteral(args[0])) return { client, method: args[0], url: args[1] ?? null, ...guessed };
  return { client, ...configShape(args[0]), ...guessed };
}

function callableShape(callee: ts.Expression, args: ts.NodeArray<ts.Expression>, facts: ClientFacts): CallShape | null {
  if (!args[0]) return null;
  const root = rootLibrary(callee);
  const kind = root ?? instanceKind(callee, facts);
  if (kind === 'axios') {
    const first = resolveValue(args[0]);
    if (ts.isObjectLiteralExpression(first as ts.Node)) return { client: 'axios', ...configShape(args[0]) };
    return { client: 'axios', url: args[0], method: optionsMethod(args[1]) };
  }
  if (kind === 'ky') return { client: 'ky', url: args[0], method: optionsMethod(args[1]) };
  if (kind || !ts.isIdentifier(callee) || !REQUEST_FUNCTION.test(callee.text)) return null;
  if (isMethodLiteral(args[0]))
    return { client: 'http-client', method: args[0], url: args[1] ?? null, guessed: 'function' };
  const suffix = [...HTTP_METHODS].find((m) => callee.text.toUpperCase().endsWith(m));
  const method = suffix ?? optionsMethod(args[1]);
  return { client: 'http-client', method, url: args[0], guessed: 'function' };
}

/** `axios`, `ky`, a tracked instance, or `guess` when only the receiver's name suggests a client. */
function receiverKind(receiver: ts.Expression, facts: ClientFacts): ClientKind | 'guess' | null {
  const root = rootLibrary(receiver);
  if (root) return root;
  const r = unwrap(receiver);
  const kind = ts.isCallExpression(r) ? creationKind(r, facts) : instanceKind(r, facts);
  if (kind) return kind;
  const name = lastName(r);
  return name && CLIENT_NAME.test(name) ? 'guess' : null;
}

/** The `url` and `method` of an axios request config (`axios({ method, url })`). */
function configShape(config: ts.Expression): Pick<CallShape, 'url' | 'method'> {
  const obj = resolveValue(config);
  if (!ts.isObjectLiteralExpression(obj as ts.Node)) return { url: config, method: 'GET' };
  const url = propertyValue(obj as ts.ObjectLiteralExpression, 'url');
  const method = propertyValue(obj as ts.ObjectLiteralExpression, 'method');
  return {
    url: url && !ts.isFunctionLike(url) ? url : null,
    method: method && !ts.isFunctionLike(method) ? method : 'GET',
  };
}

/** The method of a fetch/ky options argument: its `method` property, GET when absent. */
function optionsMethod(options: ts.Expression | undefined): string | ts.Expression {
  if (!options) return 'GET';
  const obj = resolveValue(options);
  if (!ts.isObjectLiteralExpression(obj as ts.Node)) return ts.isFunctionLike(obj) ? 'GET' : options;
  const method = propertyValue(obj as ts.ObjectLiteralExpression, 'method');
  return method && !ts.isFunctionLike(method) ? method : 'GET';
}

/** The upper-case HTTP method an expression holds, or null when it is not static. */
export function staticMethod(node: string | ts.Expression): string | null {
  if (typeof node === 'string') return node.toUpperCase();
  const value = resolveValue(node);
  if (ts.isFunctionLike(value) || !ts.isStringLiteralLike(value)) return null;
  const upper = value.text.toUpperCase();
  return HTTP_METHODS.has(upper) ? upper : null;
}

function isMethodLiteral(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) && HTTP_METHODS.has(node.text.toUpperCase());
}

function isXhr(receiver: ts.Expression): boolean {
  const r = unwrap(receiver);
  if (!ts.isIdentifier(r)) return false;
  const binding = findBinding(r.text, r);
  if (binding?.kind !== 'value') return false;
  const value = unwrap(binding.node);
  return ts.isNewExpression(value) && lastName(value.expression) === 'XMLHttpRequest';
}
