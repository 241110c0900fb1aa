/**
 * Writes parameter values and bodies the way OpenAPI says they travel: query parameters in
 * `form` (exploded or not) or `deepObject` style, path and header values in `simple` style,
 * bodies as JSON, multipart form data or URL-encoded forms.
 */
import { deref } from '@lockstep/contract';
import { mergeAllOf } from '../spec/schema-facets';
import type { HttpCase, ParamSpec } from './types';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function deepPairs(prefix: string, value: unknown): [string, string][] {
  if (value === null || typeof value !== 'object') return [[prefix, scalar(value)]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => deepPairs(`${prefix}[${k}]`, v));
}

/** The query pairs of one parameter value. */
export function queryPairs(param: ParamSpec, value: unknown): [string, string][] {
  if (value === undefined) return [];
  const explode = param.explode ?? (param.style ?? 'form') === 'form';
  if (param.style === 'deepObject' && value !== null && typeof value === 'object') return deepPairs(param.name, value);
  if (Array.isArray(value)) {
    const sep = param.style === 'spaceDelimited' ? ' ' : param.style === 'pipeDelimited' ? '|' : ',';
    return explode ? value.map((v) => [param.name, scalar(v)]) : [[param.name, value.map(scalar).join(sep)]];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return explode
      ? entries.map(([k, v]) => [k, scalar(v)])
      : [[param.name, entries.flatMap(([k, v]) => [k, scalar(v)]).join(',')]];
  }
  return [[param.name, scalar(value)]];
}

/** A path, header or cookie value in `simple` style. */
export function simpleValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalar).join(',');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .flatMap(([k, v]) => [k, scalar(v)])
      .join(',');
  return scalar(value);
}

/** Fills a path template: `/users/{id}` with `{ id: 'a b' }` → `/users/a%20b`. */
export function fillPath(path: string, params: ParamSpec[], values: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const text = simpleValue(values[name]);
    const param = params.find((p) => p.in === 'path' && p.name === name);
    return param?.allowReserved ? encodeURI(text) : encodeURIComponent(text);
  });
}

/** Puts parameter values where they travel: path, query, headers, cookies. */
export function placeParams(
  path: string,
  params: ParamSpec[],
  values: Record<string, unknown>,
): Pick<HttpCase, 'path' | 'query' | 'headers'> {
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const param of params) {
    const value = values[`${param.in}:${param.name}`];
    if (value === undefined || param.in === 'path') continue;
    if (param.in === 'query') query.push(...queryPairs(param, value));
    else if (param.in === 'header') headers[param.name.toLowerCase()] = simpleValue(value);
    else cookies.push(`${param.name}=${encodeURIComponent(simpleValue(value))}`);
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  const pathValues = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, values[`path:${p.name}`]]),
  );
  return { path: fillPath(path, params, pathValues), query, headers };
}

function isBinary(doc: any, schema: any): boolean {
  const s = deref(doc, schema).node ?? {};
  return s.format === 'binary' || s.format === 'byte' || typeof s.contentMediaType === 'string';
}

/** A small file for multipart fields the schema marks as binary. */
function fileOf(value: unknown): Blob {
  return new Blob([typeof value === 'string' && value !== '' ? value : 'lockstep contract'], {
    type: 'application/octet-stream',
  });
}

/** The fetch body and content type of a request body; multipart lets fetch set its boundary. */
export function encodeBody(
  doc: any,
  body: NonNullable<HttpCase['body']>,
): { body: string | FormData | Blob; contentType?: string } {
  const { mediaType, value } = body;
  if (/json/.test(mediaType)) return { body: JSON.stringify(value), contentType: mediaType };
  const schema = mergeAllOf(doc, deref(doc, body.schema ?? {}).node) ?? {};
  const props = schema.properties ?? {};
  if (mediaType === 'multipart/form-data') {
    const form = new FormData();
    for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      const items = Array.isArray(v) && !isBinary(doc, props[key]) ? v : [v];
      for (const item of items) {
        if (isBinary(doc, props[key])) form.append(key, fileOf(item), 'lockstep-contract.bin');
        else form.append(key, scalar(item));
      }
    }
    return { body: form };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>)) form.append(key, scalar(v));
    return { body: form.toString(), contentType: mediaType };
  }
  if (typeof value === 'string') return { body: value, contentType: mediaType };
  return { body: fileOf(value === undefined ? '' : scalar(value)), contentType: mediaType };
}
