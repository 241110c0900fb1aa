/**
 * The mocks as a standalone HTTP server: the same msw handlers, answers and scenarios
 * (`x-mock-status`, overrides) as `createMockFetch`, on a port, for apps and tools that
 * cannot take an in-process `fetch`. Prism (`npm run mock`) answers from the spec too; this
 * one answers exactly what the msw handlers of the tests answer, and faster.
 * @example const mock = await serveMocks({ port: 4011 }); ... await mock.close();
 */
import { type ServerType, serve } from '@hono/node-server';
import { createMockFetch } from './create-mock-fetch';
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
  return new Promise((resolve) => {
    let server: ServerType;
    // The handlers answer on the server's own origin, known once it listens (port 0 picks one).
    let mockFetch: typeof fetch | undefined;
    server = serve({ port, hostname: host, fetch: (request) => mockFetch!(request) }, (info) => {
      const url = `http://${host}:${info.port}`;
      mockFetch = createMockFetch({ ...options, baseUrl: url });
      resolve({ url, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
