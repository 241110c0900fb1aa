/**
 * One delivery attempt: `POST` of the signed JSON body over node's http(s), within the
 * timeout, through the address guard unless private addresses are allowed. The answer's
 * body is read and discarded (up to 64 kB); only its status counts.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, refusedHost } from '../../net/address-guard';

/** What an attempt came to: a status, or why there was none. */
export interface AttemptResult {
  status?: number;
  error?: string;
  durationMs: number;
}

/** What to send. */
export interface Outgoing {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** Sends one attempt; never throws. */
export function sendAttempt(o: Outgoing): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(o.url);
    } catch {
      return resolve({ error: 'The URL does not parse.', durationMs: 0 });
    }
    const refusal = o.allowPrivate ? undefined : refusedHost(url);
    if (refusal) return resolve({ error: refusal, durationMs: 0 });
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
      lookup: o.allowPrivate ? undefined : (guardedLookup as never),
      timeout: o.timeoutMs,
    });
    const timer = setTimeout(() => request.destroy(new Error(`Timed out after ${o.timeoutMs / 1000} s.`)), o.timeoutMs);
    request.on('response', (response) => {
      let seen = 0;
      response.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 65_536) response.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode, durationMs: took() });
      };
      response.on('end', done);
      response.on('close', done);
    });
    request.on('timeout', () => request.destroy(new Error(`Timed out after ${o.timeoutMs / 1000} s.`)));
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: error.message, durationMs: took() });
    });
    request.end(o.body);
  });
}
