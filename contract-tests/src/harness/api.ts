/** A small HTTP client for contract tests: JSON in, `{status, body, headers}` out. */
import { checkedFetch } from './checked-fetch';
import type { Target } from './targets';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (for malformed JSON). */
  raw?: string;
}

/** The test client of one target. */
export function api(target: Target) {
  const send = checkedFetch(target);
  async function call<T = any>(
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
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: type.includes('json') && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }
  return {
    get: <T = any>(path: string, options?: CallOptions) => call<T>('GET', path, undefined, options),
    post: <T = any>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, body, options),
    patch: <T = any>(path: string, body?: unknown, options?: CallOptions) => call<T>('PATCH', path, body, options),
    put: <T = any>(path: string, body?: unknown, options?: CallOptions) => call<T>('PUT', path, body, options),
    delete: <T = any>(path: string, options?: CallOptions) => call<T>('DELETE', path, undefined, options),
    call,
  };
}

/** The client type of one target. */
export type Api = ReturnType<typeof api>;
