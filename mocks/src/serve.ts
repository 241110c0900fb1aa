/**
 * The mocks as a standalone HTTP server: the same msw handlers, answers and scenarios
 * (`x-mock-status`, overrides) as `createMockFetch`, on a port, for apps and tools that
 * cannot take an in-process `fetch`. Prism (`npm run mock`) answers from the spec too; this
 * one answers exactly what the msw handlers of the tests answer, and faster: a plain request
 * is answered from the handlers' prepared answers without becoming a fetch `Request`.
 * @example const mock = await serveMocks({ port: 4011 }); ... await mock.close();
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockListener } from './internal/mock-listener';
import type { MockOptions } from './types';

export interface ServedMocks {
  url: string;
  close: () => Promise<void>;
}

export interface ServeMocksOptions extends Omit<MockOptions, 'baseUrl'> {
  /** @default 4011 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

export function serveMocks({
  port = 4011,
  host = '127.0.0.1',
  ...options
}: ServeMocksOptions = {}): Promise<ServedMocks> {
  // The handlers answer on the server's own origin, known once it listens (port 0 picks one).
  let listener: RequestListener | undefined;
  const server = createServer((request, response) => listener!(request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const url = `http://${host}:${(server.address() as AddressInfo).port}`;
      listener = mockListener({ ...options, baseUrl: url });
      resolve({ url, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
