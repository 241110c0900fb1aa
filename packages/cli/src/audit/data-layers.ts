/**
 * Recognises the data-fetching layers that hide a URL from the call styles: SWR keys
 * (`useSWR('/api/user', fetcher)`), TanStack/Vue Query keys whose `queryFn` makes no call of
 * its own (`useQuery({ queryKey: ['/api/todos'], queryFn })`), and RTK Query endpoints
 * (`builder.query({ query: (id) => `posts/${id}` })`, with `fetchBaseQuery({ baseUrl })`).
 */
import ts from 'typescript';
import { propertyValue, resolveValue, returnedExpression, unwrap } from './bindings';
import type { ClientKind } from './types';

/** A call found through a data-fetching layer: its method, URL and the base URL the layer adds. */
export type LayerShape = {
  client: ClientKind;
  method: string | ts.Expression;
  url: ts.Expression | null;
  base?: string;
};

const SWR = /^useSWR(Immutable|Infinite|Subscription)?$/;
const QUERY = new Set([
  'useQuery',
  'useSuspenseQuery',
  'useInfiniteQuery',
  'useSuspenseInfiniteQuery',
  'queryOptions',
  'infiniteQueryOptions',
  'prefetchQuery',
  'fetchQuery',
  'ensureQueryData',
]);

/** The shape of a data-layer call, or null; `hasCall` says whether a subtree makes an HTTP call itself. */
export function dataLayerShape(node: ts.CallExpression, hasCall: (n: ts.Node) => boolean): LayerShape | null {
  const name = calleeName(node.expression);
  if (!name) return null;
  if (SWR.test(name)) return swrShape(node);
  if (QUERY.has(name)) return queryShape(node, hasCall);
  if ((name === 'query' || name === 'mutation') && ts.isPropertyAccessExpression(node.expression))
    return rtkShape(node);
  return null;
}

function calleeName(callee: ts.Expression): string | null {
  const c = unwrap(callee);
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  return null;
}

function swrShape(node: ts.CallExpression): LayerShape | null {
  const key = keyUrl(node.arguments[0]);
  return key ? { client: 'swr', method: 'GET', url: key } : null;
}

/** The URL of a key: the key itself, the first element of an array key, or what a key function returns. */
function keyUrl(arg: ts.Expression | undefined): ts.Expression | null {
  if (!arg) return null;
  let key = unwrap(arg);
  if (ts.isArrowFunction(key) || ts.isFunctionExpression(key)) key = returnedExpression(key) ?? key;
  if (ts.isConditionalExpression(key))
    key = isNullish(key.whenFalse) ? key.whenTrue : isNullish(key.whenTrue) ? key.whenFalse : key;
  if (ts.isArrayLiteralExpression(key)) key = key.elements[0] ?? key;
  if (ts.isArrayLiteralExpression(key) || ts.isObjectLiteralExpression(key) || ts.isFunctionLike(key)) return null;
  return looksLikeUrl(key) ? key : null;
}

function isNullish(node: ts.Expression): boolean {
  const n = unwrap(node);
  return n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === 'undefined');
}

/** A string or template that starts with `/` or a scheme (`['todos', id]` is a key, not a URL). */
function looksLikeUrl(node: ts.Expression): boolean {
  const n = unwrap(node);
  const head = ts.isStringLiteralLike(n) ? n.text : ts.isTemplateExpression(n) ? n.head.text : null;
  if (head === null) return ts.isIdentifier(n) || ts.isPropertyAccessExpression(n);
  return /^(\/|https?:\/\/)/i.test(head);
}

function queryShape(node: ts.CallExpression, hasCall: (n: ts.Node) => boolean): LayerShape | null {
  const [first, second] = node.arguments;
  if (!first) return null;
  const options = ts.isObjectLiteralExpression(unwrap(first)) ? (unwrap(first) as ts.ObjectLiteralExpression) : null;
  const keyNode = options ? propertyValue(options, 'queryKey') : first;
  const fn = options ? propertyValue(options, 'queryFn') : second;
  if (!keyNode || ts.isFunctionLike(keyNode)) return null;
  if (fn && makesOwnCall(fn, hasCall)) return null;
  const url = keyUrl(keyNode);
  return url && !ts.isIdentifier(unwrap(url)) ? { client: 'query', method: 'GET', url } : null;
}

/** Whether a query function makes an HTTP call itself (then that call is found, not the key). */
function makesOwnCall(fn: ts.Expression | ts.FunctionLikeDeclaration, hasCall: (n: ts.Node) => boolean): boolean {
  const target = ts.isFunctionLike(fn) ? fn : resolveValue(fn);
  return hasCall(target);
}

function rtkShape(node: ts.CallExpression): LayerShape | null {
  const arg = node.arguments[0] && unwrap(node.arguments[0]);
  if (!arg || !ts.isObjectLiteralExpression(arg)) return null;
  const query = propertyValue(arg, 'query');
  if (!query) return null;
  let result = ts.isFunctionLike(query) ? returnedExpression(query) : query;
  if (!result) return null;
  result = unwrap(result);
  const base = baseUrlOf(node);
  if (base === null) return null;
  if (ts.isObjectLiteralExpression(result)) {
    const url = propertyValue(result, 'url');
    const method = propertyValue(result, 'method');
    if (!url || ts.isFunctionLike(url)) return null;
    const m = method && !ts.isFunctionLike(method) ? method : 'GET';
    return { client: 'rtk-query', method: m, url, base };
  }
  return { client: 'rtk-query', method: 'GET', url: result, base };
}

/**
 * The `baseUrl` of the `fetchBaseQuery` of the `createApi` around an endpoint ('' when it has
 * none), or null when the endpoint is not inside a `createApi` (then it is not RTK Query).
 */
function baseUrlOf(node: ts.Node): string | null {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isCallExpression(n) || calleeName(n.expression) !== 'createApi') continue;
    const options = n.arguments[0] && unwrap(n.arguments[0]);
    if (!options || !ts.isObjectLiteralExpression(options)) return '';
    const baseQuery = propertyValue(options, 'baseQuery');
    if (!baseQuery || ts.isFunctionLike(baseQuery) || !ts.isCallExpression(unwrap(baseQuery))) return '';
    const config = (unwrap(baseQuery) as ts.CallExpression).arguments[0];
    const value =
      config && ts.isObjectLiteralExpression(unwrap(config))
        ? propertyValue(unwrap(config) as ts.ObjectLiteralExpression, 'baseUrl')
        : null;
    if (!value || ts.isFunctionLike(value)) return '';
    const resolved = unwrap(resolveValue(value) as ts.Expression);
    return ts.isStringLiteralLike(resolved) ? resolved.text : '';
  }
  return null;
}
