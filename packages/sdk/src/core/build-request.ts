/**
 * One operation's `Request`, built as openapi-fetch builds it (its query serializer and URL
 * builder, JSON bodies, its header merging rules with `null` to remove), without the rest of
 * openapi-fetch's client (middleware, per-method wrappers) that a page making one call pays for.
 */
import {
  createFinalURL,
  createQuerySerializer,
  type QuerySerializer,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import { withPathTail } from '../path-tail';
import { serializeBody } from '../transport/body-serializer';
import { newRequest } from '../transport/reusable';
import { mergeHeaders } from './merge-headers';
import type { OperationDescriptor } from './operation';

/** What a call may carry: openapi-fetch's request options, without `fetch` and `middleware`. */
export interface RequestInitOptions extends Omit<RequestInit, 'body' | 'headers'> {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersInit | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;
  baseUrl?: string;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: (body: any, headers?: Record<string, string>) => unknown;
  pathSerializer?: (pathname: string, pathParams: Record<string, unknown>) => string;
  parseAs?: string;
}

/** The client-wide parts of every request. */
export interface RequestDefaults {
  /** The base URL, without a trailing slash. */
  baseUrl: string;
  headers?: Record<string, string>;
}

const defaultQuery = createQuerySerializer();
/** The headers of a JSON body when the call has none of its own (`new Request` copies them: one object serves every call). */
const JSON_ONLY = { 'content-type': 'application/json' };

/** The request of one call of `operation`, with `credentials` unless the call sets the same header itself. */
export function buildRequest(
  defaults: RequestDefaults,
  operation: OperationDescriptor,
  init: RequestInitOptions | undefined,
  credentials?: Record<string, string>,
): Request {
  const [path, sent] = withPathTail(operation, init as never);
  const {
    params = {},
    body,
    headers,
    baseUrl,
    querySerializer,
    bodySerializer = serializeBody,
    pathSerializer = fillPath,
    parseAs: _parseAs,
    ...rest
  } = (sent ?? {}) as RequestInitOptions;
  const merged = mergeHeaders(defaults.headers, headers, params.header);
  const serialized = body === undefined ? undefined : bodySerializer(body, merged);
  // JSON unless the call says otherwise; form data gets its boundary from the platform.
  const json = serialized !== undefined && !(serialized instanceof FormData);
  const url = createFinalURL(path, {
    baseUrl: baseUrl ? baseUrl.replace(/\/$/, '') : defaults.baseUrl,
    params,
    querySerializer: queryOf(querySerializer),
    pathSerializer,
  });
  return newRequest(url, {
    ...rest,
    method: operation.method.toUpperCase(), // fetch leaves `patch` as it is
    headers: headersOf(json ? (credentials ? { ...JSON_ONLY, ...credentials } : JSON_ONLY) : credentials, merged),
    body: serialized as BodyInit | undefined,
  });
}

/** The call's own headers over the SDK's (content type, credentials); no new record when one side is empty. */
function headersOf(sdk: Record<string, string> | undefined, own: Record<string, string> | undefined) {
  return sdk && own ? { ...sdk, ...own } : (own ?? sdk);
}

function queryOf(option: RequestInitOptions['querySerializer']): QuerySerializer<unknown> {
  if (!option) return defaultQuery;
  return typeof option === 'function' ? option : createQuerySerializer(option);
}

/**
 * Path parameters as openapi-fetch's default serializer sends the spec's only path style
 * (`simple`, every path parameter a string): each value encoded, an array joined by commas.
 */
export function fillPath(path: string, values: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (template, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) return template;
    return Array.isArray(value) ? value.map(encodeURIComponent).join(',') : encodeURIComponent(value as string);
  });
}
