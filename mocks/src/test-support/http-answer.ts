/** One request over a real socket with `node:http` (fetch refuses some headers, `Upgrade` among them), read whole. */
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

/** An answer as it came off the wire: status, headers by lower-case name, body bytes. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** Sends `method url` with `headers` (and `body`), over a fresh connection. */
export function httpAnswer(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}
