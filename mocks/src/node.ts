import { type SetupServer, setupServer } from 'msw/node';
import { createHandlers } from './create-handlers';
import type { MockOptions } from './types';

/**
 * An msw server (Node) answering every operation of the spec; call `listen()` before the tests.
 * @example const server = createMockServer(); beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 */
export function createMockServer(options: MockOptions = {}): SetupServer {
  return setupServer(...createHandlers(options));
}
