/**
 * The AeroDB dashboard's HTTP clients, rebuilt as the reference describes them (§1.2–1.3):
 * the shared axios instance (JSON by default, a Bearer token when one is stored, one refresh
 * and a replay on 401), and the raw calls of the auth store and the setup wizard (no
 * interceptor). Paths go out exactly as given: the dashboard's unencoded keys stay unencoded.
 */

/** An answer: status, the body (JSON parsed, else text, else bytes), headers. */
export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** How one call is sent. */
export interface SendOptions {
  /** `URLSearchParams` of the truthy values (the services drop `0`, `''`, `false`), or a query string as is. */
  query?: Record<string, unknown> | string;
  /** A JSON body. */
  body?: unknown;
  /** A multipart body (uploads). */
  form?: FormData;
  /** `shared` (the axios instance with its interceptors), `raw` (no header), `raw-bearer` (the store's `fetchUser`). */
  client?: 'shared' | 'raw' | 'raw-bearer';
  /** Read the answer as bytes (downloads asked for as a `blob`). */
  blob?: boolean;
}

function queryString(query: SendOptions['query']): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query ? `?${query}` : '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readReply(response: Response, blob: boolean): Promise<Reply> {
  const type = response.headers.get('content-type') ?? '';
  if (blob)
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
  const text = await response.text();
  const body = type.includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, body, headers: response.headers };
}

/** The dashboard's view of one server: its stored tokens and the requests it makes. */
export class DashboardClient {
  accessToken?: string;
  refreshToken?: string;

  constructor(readonly baseUrl: string) {}

  /** Stores the tokens of a flat token answer, as `authStore.signIn` and `refreshToken` do. */
  keepTokens(body: { access_token?: string; refresh_token?: string }): void {
    if (body.access_token) this.accessToken = body.access_token;
    if (body.refresh_token) this.refreshToken = body.refresh_token;
  }

  /** One request as the dashboard sends it. */
  async send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const client = options.client ?? 'shared';
    const reply = await this.once(method, path, options, client !== 'raw');
    if (reply.status !== 401 || client !== 'shared' || !this.accessToken) return reply;
    // The response interceptor: refresh once through the raw store call, then replay.
    const refreshed = await this.once('POST', '/auth/refresh', { body: { refresh_token: this.refreshToken } }, false);
    if (refreshed.status !== 200) return reply;
    this.keepTokens(refreshed.body);
    return this.once(method, path, options, true);
  }

  private async once(method: string, path: string, options: SendOptions, bearer: boolean): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (bearer && this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let body: BodyInit | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    } else if (method !== 'GET' && method !== 'DELETE') headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}${queryString(options.query)}`, { method, headers, body });
    return readReply(response, options.blob ?? false);
  }
}
