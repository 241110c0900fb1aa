/** What the standalone server reads of a Node request: the answer's facts, cheaply, or a whole fetch `Request`. */
import type { IncomingMessage } from 'node:http';
import { factsFrom, MOCK_STATUS_HEADER, type RequestFacts } from './answer-request';

const FACT_HEADERS = new Set([MOCK_STATUS_HEADER, 'accept', 'authorization', 'apikey', 'upgrade']);

/** The facts of a Node request, read from its raw headers in one pass; repeated headers join with `, ` as in fetch. */
export function nodeRequestFacts(request: IncomingMessage): RequestFacts {
  const values: Record<string, string> = {};
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (FACT_HEADERS.has(name)) values[name] = name in values ? `${values[name]}, ${raw[i + 1]}` : raw[i + 1];
  }
  return factsFrom((name) => values[name]);
}

/** The Node request as a fetch `Request` on `baseUrl` (the server's own origin, whatever `Host` says), body read whole. */
export async function toFetchRequest(request: IncomingMessage, baseUrl: string): Promise<Request> {
  const method = request.method ?? 'GET';
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(request.url ?? '/', baseUrl), { method, headers, body });
}
