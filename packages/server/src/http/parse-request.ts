/** Turns a Request into the raw input the validators check: path, query, headers and body. */
import { HttpError } from './http-error';
import type { OperationRoute } from './operation-route';

type Obj = Record<string, any>;

function setDeep(target: Obj, keys: string[], value: string): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** Query parameters by name: arrays where the spec says array, deepObject keys nested. */
export function parseQuery(url: URL, route: OperationRoute): Obj {
  const query: Obj = {};
  for (const [rawKey, value] of url.searchParams) {
    // `ids[]=a&ids[]=b` (axios's style) fills `ids`, unless the spec names the parameter `ids[]` itself.
    const key = rawKey.endsWith('[]') && !route.arrayParams.includes(rawKey) ? rawKey.slice(0, -2) : rawKey;
    const deep = /^([^[]+)((?:\[[^\]]*\])+)$/.exec(key);
    if (deep && route.deepObjectParams.includes(deep[1])) {
      const keys = [...deep[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
      query[deep[1]] ??= {};
      setDeep(query[deep[1]], keys, value);
    } else if (route.arrayParams.includes(key)) {
      query[key] = [...(query[key] ?? []), value];
    } else {
      query[key] = value;
    }
  }
  return query;
}

/** Header values by lower-case name. */
export function parseHeaders(headers: Headers): Obj {
  return Object.fromEntries(headers.entries());
}

/** The JSON body, or undefined when the operation streams its own body or has none. */
export async function parseJsonBody(request: Request, route: OperationRoute): Promise<unknown> {
  if (route.bodyTypes.length === 0) return undefined;
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  if (!hasBody && !type) return undefined;
  if (!route.bodyTypes.includes('application/json')) return undefined;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    if (route.bodyTypes.includes(type)) return undefined;
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${route.bodyTypes.join(' or ')}.`);
  }
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The body is not valid JSON.');
  }
}
