/**
 * `?token=` for the log stream: a browser's `EventSource` cannot send headers, so the
 * stream also takes its access token (or API key) in the query, as `/realtime` does. The
 * token becomes the `Authorization` header before the pipeline resolves the caller; a
 * request that already sends a credential header keeps it. No other operation takes this.
 */
const TAKES_QUERY_TOKEN = new Set(['streamLogs']);

/** The request, with `?token=` moved into `Authorization` when its operation takes it. */
export function withQueryToken(operationId: string, request: Request): Request {
  if (!TAKES_QUERY_TOKEN.has(operationId)) return request;
  if (request.headers.has('authorization') || request.headers.has('apikey')) return request;
  const token = new URL(request.url).searchParams.get('token');
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}
