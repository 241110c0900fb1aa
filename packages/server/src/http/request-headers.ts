/**
 * The request headers the pipeline reads (the request id, the CORS origin, credentials, the
 * body's type and length, header parameters), read from Node's raw header list when Node serves
 * the request. @hono/node-server builds a WHATWG `Headers` (every name and value validated and
 * copied) the first time anything reads `Request.headers`: ~2 µs a request that most operations
 * never needed. Repeated headers are joined with ", " as `Headers.get` joins them. In process
 * (`app.fetch`), the Request's own headers are read.
 */

/** What the pipeline reads of a request's headers. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** A request's headers read from Node's `rawHeaders` (name, value, name, value...). */
export class RawHeaders implements HeaderReader {
  constructor(private readonly raw: readonly string[]) {}

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let found: string | null = null;
    for (let i = 0; i < this.raw.length; i += 2) {
      const key = this.raw[i];
      // Most clients send lower-case names: compared as they are, no lower-case copy is made.
      if (key.length !== wanted.length || (key !== wanted && key.toLowerCase() !== wanted)) continue;
      found = found === null ? this.raw[i + 1] : `${found}, ${this.raw[i + 1]}`;
    }
    return found;
  }
}

/** The headers of `request`: Node's raw list when @hono/node-server serves it (`env.incoming`), else its own. */
export function headersOf(request: Request, env: unknown): HeaderReader {
  const raw = (env as { incoming?: { rawHeaders?: unknown } } | undefined)?.incoming?.rawHeaders;
  return Array.isArray(raw) ? new RawHeaders(raw) : request.headers;
}
