/**
 * The escape hatch of contract tests: requests by method and untyped path, for what the typed
 * caller must refuse to compile (invalid bodies, paths the spec does not have, malformed JSON,
 * wire formats the spec cannot describe). Responses are still checked against the spec.
 */
import type { ApiResponse } from './api-response';
import { checkedFetch } from './checked-fetch';
import type { Target } from './targets';

/** Options of a raw request. */
export interface CallOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (for malformed JSON). */
  raw?: string;
}

/** The raw client of one target: JSON in, `{status, body, headers}` out. */
export function rawApi(target: Target) {
  const send = checkedFetch(target);
  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers.apikey = options.apiKey;
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await send(new Request(target.baseUrl + path, { method, headers, body: payload }));
    const type = response.headers.get('content-type') ?? '';
    // An event stream never ends by itself: a generic call takes its status and headers
    // and lets it go; a test that reads events uses `t.send`.
    if (type.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, body: '' as T, headers: response.headers };
    }
    const text = await response.text();
    return {
      status: response.status,
      body: type.includes('json') && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }
  return {
    get: <T = any>(path: string, options?: CallOptions) => request<T>('GET', path, undefined, options),
    post: <T = any>(path: string, body?: unknown, options?: CallOptions) => request<T>('POST', path, body, options),
    patch: <T = any>(path: string, body?: unknown, options?: CallOptions) => request<T>('PATCH', path, body, options),
    put: <T = any>(path: string, body?: unknown, options?: CallOptions) => request<T>('PUT', path, body, options),
    delete: <T = any>(path: string, options?: CallOptions) => request<T>('DELETE', path, undefined, options),
    request,
  };
}

/** The raw client type of one target. */
export type RawApi = ReturnType<typeof rawApi>;
