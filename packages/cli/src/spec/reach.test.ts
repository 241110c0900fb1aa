import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableError } from '../usage-error';
import { assertReachable } from './reach';

describe('assertReachable', () => {
  let dropping: Server;
  let answering: Server;
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
  beforeAll(async () => {
    dropping = createServer((req) => req.socket.destroy());
    answering = createServer((_req, res) => res.writeHead(404).end('nope'));
    await Promise.all([dropping, answering].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  });
  afterAll(() => {
    dropping.close();
    answering.close();
  });

  it('accepts any HTTP answer, a 404 too', async () => {
    await expect(assertReachable(url(answering))).resolves.toBeUndefined();
  });
  it('says nothing answers at a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const at = url(closed);
    await new Promise((r) => closed.close(r));
    await expect(assertReachable(at)).rejects.toThrow(UnreachableError);
    await expect(assertReachable(at)).rejects.toThrow(/nothing answers at .*ECONNREFUSED/);
  });
  it('says so when every connection is dropped', async () => {
    await expect(assertReachable(url(dropping))).rejects.toThrow(UnreachableError);
  });
});
