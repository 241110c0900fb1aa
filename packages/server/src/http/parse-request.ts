/** Turns a Request into the raw input the validators check: path, query, headers and body. */
import { errors, HttpError } from './http-error';
import type { OperationRoute } from './operation-route';
import type { HeaderReader } from './request-headers';

type Obj = Record<string, any>;

/** Keys that walk to a prototype instead of naming a field: never accepted from a client. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The prototype of every container of client-named keys: an object with no prototype of its
 * own, so no key reaches `Object.prototype` (`query.constructor` and `query.toString` are
 * undefined). A container is made with `new` rather than `Object.create(null)`, which V8 makes
 * a hash table: every key added and every key the validator reads was a hash lookup.
 */
const NO_PROTOTYPE: object = Object.freeze(Object.create(null));

/** A container for client-named keys, reaching no prototype's properties (see `NO_PROTOTYPE`). */
const Bag = function Bag() {} as unknown as new () => Obj;
Bag.prototype = NO_PROTOTYPE;

function bag(): Obj {
  return new Bag();
}

function refuse(name: string, reason: string): never {
  throw errors.validation([{ field: `query.${name}`, message: reason }]);
}

/**
 * A container is a `Bag`, a value is a string (or an array of them), and nothing is ever
 * `undefined`; with no key reaching a prototype (`NO_PROTOTYPE`, and prototype keys refused),
 * `node[key] === undefined` is `!Object.hasOwn(node, key)`, at the price of one property read.
 */
function isBag(value: unknown): value is Obj {
  return value instanceof Bag;
}

/** The object at `node[key]`, made when absent; a 400 when the key already holds a value. */
function child(node: Obj, key: string, name: string): Obj {
  const existing = node[key];
  if (existing === undefined) {
    const made = bag();
    node[key] = made;
    return made;
  }
  if (!isBag(existing)) refuse(name, `is sent both as a value and as an object at [${key}]`);
  return existing;
}

function setDeep(name: string, target: Obj, keys: string[], value: string): void {
  let node = target;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) node = child(node, keys[i], name);
  if (node[keys[last]] !== undefined) refuse(name, `sends [${keys.join('][')}] twice or as a value and an object`);
  node[keys[last]] = value;
}

/**
 * The name and keys of `name[a][b]...` (each bracket holding no `]`), or undefined for any
 * other key: read bracket by bracket, without a regex or a split (a split on `][` is a call
 * into V8's runtime, the dearest step of a deep-object parameter).
 */
function deepKey(key: string): { name: string; keys: string[] } | undefined {
  const open = key.indexOf('[');
  const end = key.length - 1;
  if (open <= 0 || key.charCodeAt(end) !== 93 /* ] */) return undefined;
  const keys: string[] = [];
  for (let start = open + 1; ; ) {
    const close = key.indexOf(']', start);
    keys.push(key.slice(start, close));
    if (close === end) return { name: key.slice(0, open), keys };
    if (key.charCodeAt(close + 1) !== 91 /* [ */) return undefined;
    start = close + 2;
  }
}

function setDeepObject(query: Obj, name: string, keys: string[], value: string): void {
  for (const key of keys)
    if (PROTOTYPE_KEYS.has(key)) refuse(name, 'names a reserved key (__proto__, constructor, prototype)');
  setDeep(name, child(query, name, name), keys, value);
}

function setPlain(query: Obj, key: string, value: string, isArray: boolean): void {
  if (PROTOTYPE_KEYS.has(key)) refuse(key, 'is a reserved name');
  if (isArray) {
    query[key] = [...(Object.hasOwn(query, key) ? query[key] : []), value];
  } else if (isBag(query[key])) {
    refuse(key, 'is sent both as a value and as an object');
  } else {
    query[key] = value;
  }
}

/**
 * Query parameters by name: arrays where the spec says array, deepObject keys nested. The
 * result and every nested object reach no prototype's properties (`NO_PROTOTYPE`), and
 * prototype keys are refused with a 400, so no query string can reach `Object.prototype`.
 */
export function parseQuery(params: Iterable<[string, string]>, route: OperationRoute): Obj {
  const query = bag();
  for (const [rawKey, value] of params) {
    // `ids[]=a&ids[]=b` (axios's style) fills `ids`, unless the spec names the parameter `ids[]` itself.
    const key = rawKey.endsWith('[]') && !route.arrayParams.includes(rawKey) ? rawKey.slice(0, -2) : rawKey;
    const deep = deepKey(key);
    if (deep && route.deepObjectParams.includes(deep.name)) setDeepObject(query, deep.name, deep.keys, value);
    else setPlain(query, key, value, route.arrayParams.includes(key));
  }
  return query;
}

/**
 * The query parameters of a request URL, read from its text: a `new URL` per request costs
 * more than the rest of the query's parsing. A query with nothing to decode (no `%`, no `+`)
 * is cut into its pairs directly, as `URLSearchParams` would cut it; any other is decoded by
 * `URLSearchParams`.
 */
export function searchParamsOf(url: string): Iterable<[string, string]> {
  const start = url.indexOf('?');
  if (start === -1) return [];
  const query = url.slice(start + 1);
  if (query.includes('%') || query.includes('+')) return new URLSearchParams(query);
  const pairs: [string, string][] = [];
  // The next `=` at or after `from` (the length when there is none): it only moves forward, so
  // a query of many pairs without one is read once, not once a pair.
  let equals = -1;
  for (let from = 0; from < query.length; ) {
    let end = query.indexOf('&', from);
    if (end === -1) end = query.length;
    if (equals < from) {
      equals = query.indexOf('=', from);
      if (equals === -1) equals = query.length;
    }
    if (end > from) {
      pairs.push(
        equals >= end ? [query.slice(from, end), ''] : [query.slice(from, equals), query.slice(equals + 1, end)],
      );
    }
    from = end + 1;
  }
  return pairs;
}

/** The headers named (lower-case) that the request sent, as an object for the validator. */
export function parseHeaders(headers: HeaderReader, names: readonly string[]): Obj {
  const found: Obj = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) found[name] = value;
  }
  return found;
}

/** How deep a JSON body may nest: deeper bodies are refused before any code walks them. */
export const MAX_JSON_DEPTH = 64;

/**
 * The bytes of a request's body as they arrive. Served by Node, this is the `IncomingMessage`
 * itself: reading `Request.body` makes @hono/node-server build a full fetch Request and a web
 * stream around the socket, a fifth of the CPU of a one-row insert.
 */
export type BodySource = AsyncIterable<Uint8Array>;

/** Whether the request carries a body, asked without building one. */
function sendsBody(request: Request, source: BodySource | undefined, headers: HeaderReader): boolean {
  const present = source ? request.method !== 'GET' && request.method !== 'HEAD' : request.body !== null;
  return present && headers.get('content-length') !== '0';
}

/** Reads the body as text, refusing with 413 as soon as it passes `limit` bytes. */
async function readLimited(
  request: Request,
  limit: number,
  source: BodySource | undefined,
  headers: HeaderReader,
): Promise<string> {
  const declared = Number(headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const body = source ?? (request.body as unknown as BodySource | null);
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`);
}

/** The nesting depth of a parsed JSON value, walked without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The body is not valid JSON.');
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH)
    throw errors.validation([{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }]);
  return value;
}

/**
 * The JSON body, or undefined when the operation streams its own body or has none (the
 * pipeline does not call this for an operation without a body, so as not to wait a turn). A body
 * past `limit` bytes is refused with 413 while it is read, never buffered whole. `source`, when
 * given, is where the body's bytes are read from instead of `request.body`; `headers`, where its
 * type and length are read (`request-headers.ts`).
 */
export async function parseJsonBody(
  request: Request,
  route: OperationRoute,
  limit: number,
  source?: BodySource,
  headers: HeaderReader = request.headers,
): Promise<unknown> {
  const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!sendsBody(request, source, headers) && !type) return undefined;
  if (!route.bodyTypes.includes('application/json')) return undefined;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    if (route.bodyTypes.includes(type)) return undefined;
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${route.bodyTypes.join(' or ')}.`);
  }
  const text = await readLimited(request, limit, source, headers);
  if (text.trim() === '') return undefined;
  return parseJson(text);
}
