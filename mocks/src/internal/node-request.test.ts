import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpAnswer } from '../test-support/http-answer';
import { requestFacts } from './answer-request';
import { nodeRequestFacts, toFetchRequest } from './node-request';

/** The Node request a real server receives for `send`, handed to `read`; its result comes back. */
async function received<T>(
  send: { method?: string; headers?: Record<string, string | string[]>; body?: string },
  read: (request: IncomingMessage) => Promise<T> | T,
): Promise<T> {
  let result: Promise<T> | T | undefined;
  const server = createServer((request, response) => {
    result = read(request);
    Promise.resolve(result).then(() => response.end());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  await httpAnswer(`http://127.0.0.1:${(server.address() as AddressInfo).port}/thing?q=1`, send);
  server.close();
  return result as T;
}

describe('nodeRequestFacts', () => {
  it('reads what requestFacts reads of the same headers, repeated ones joined as fetch joins them', async () => {
    const headers = {
      Accept: ['text/csv', 'application/json'],
      'X-Mock-Status': '404',
      Authorization: ['', 'Bearer t'],
      Upgrade: 'WebSocket',
    };
    const fromNode = await received({ headers }, nodeRequestFacts);
    const fetchHeaders = new Headers();
    for (const [name, values] of Object.entries(headers))
      for (const value of [values].flat()) fetchHeaders.append(name, value);
    expect(fromNode).toEqual(requestFacts(new Request('http://x/', { headers: fetchHeaders })));
    expect(fromNode).toEqual({
      scenario: '404',
      accept: 'text/csv, application/json',
      credential: true,
      upgrade: true,
    });
  });
  it('finds no credential, scenario or upgrade in a bare request', async () => {
    expect(await received({}, nodeRequestFacts)).toEqual({
      scenario: null,
      accept: undefined,
      credential: false,
      upgrade: false,
    });
  });
});

describe('toFetchRequest', () => {
  it('puts the path on the base URL whatever Host says, with method, headers and body', async () => {
    const send = { method: 'POST', headers: { host: 'elsewhere:1', 'x-a': 'b' }, body: '{"n":1}' };
    const request = await received(send, (node) => toFetchRequest(node, 'http://127.0.0.1:4011'));
    expect(request.url).toBe('http://127.0.0.1:4011/thing?q=1');
    expect(request.method).toBe('POST');
    expect(request.headers.get('x-a')).toBe('b');
    expect(await request.json()).toEqual({ n: 1 });
  });
  it('sends no body with a GET', async () => {
    const request = await received({}, (node) => toFetchRequest(node, 'http://127.0.0.1:4011'));
    expect(request.body).toBeNull();
  });
});
