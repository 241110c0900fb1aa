/**
 * Sends one request to the target and reads the answer: JSON and text bodies are read (up to
 * a limit), streams and downloads are not. A transport failure or a timeout is an answer too,
 * with status 0 and the reason.
 */
import { transportReason } from '../spec/reach';
import { encodeBody } from './serialize';
import type { HttpAnswer, HttpCase } from './types';

/** Where requests go and how long each may take. */
export type Target = { baseUrl: string; timeoutMs: number; doc: any };

/** Bodies past this many characters are not checked (a log export of a busy server passes 1 MB). */
const READ_LIMIT = 16_000_000;
const UNREAD = [/^text\/event-stream$/, /^application\/octet-stream$/, /^(image|audio|video)\//, /^application\/zip$/];

/** The URL of a case: the base URL (with its path) followed by the case's path and query. */
export function urlOf(baseUrl: string, c: Pick<HttpCase, 'path' | 'query'>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams(c.query).toString();
  return `${base}${c.path}${query ? `?${query}` : ''}`;
}

/** Sends `method` with `c`; never throws. */
export async function send(target: Target, method: string, c: HttpCase): Promise<HttpAnswer> {
  const started = performance.now();
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5', ...c.headers };
  let body: string | FormData | Blob | undefined;
  if (c.body) {
    const encoded = encodeBody(target.doc, c.body);
    body = encoded.body;
    if (encoded.contentType) headers['content-type'] = encoded.contentType;
  }
  try {
    const response = await fetch(urlOf(target.baseUrl, c), {
      method: method.toUpperCase(),
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    return { ...(await readAnswer(response)), ms: performance.now() - started };
  } catch (error) {
    return {
      status: 0,
      headers: new Headers(),
      mediaType: '',
      text: '',
      error: transportReason(error, target.timeoutMs),
      timedOut: (error as Error).name === 'TimeoutError',
      ms: performance.now() - started,
    };
  }
}

async function readAnswer(response: Response): Promise<Omit<HttpAnswer, 'ms'>> {
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const base = { status: response.status, headers: response.headers, mediaType };
  if (UNREAD.some((re) => re.test(mediaType))) {
    await response.body?.cancel().catch(() => {});
    return { ...base, text: '', unread: true };
  }
  const text = await response.text();
  if (text.length > READ_LIMIT) return { ...base, text: text.slice(0, READ_LIMIT), unread: true };
  if (!/json/.test(mediaType) || text.trim() === '') return { ...base, text };
  try {
    return { ...base, text, json: JSON.parse(text) };
  } catch {
    return { ...base, text };
  }
}
