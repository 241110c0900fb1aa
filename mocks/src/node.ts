import { type SetupServer, setupServer } from 'msw/node';
import { mockHandlers } from './internal/realtime-handlers';
import type { MockOptions } from './types';

/**
 * An msw server (Node) answering every operation of the spec and the realtime WebSocket; call `listen()` before the tests.
 * @example const server = createMockServer(); beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 */
export function createMockServer(options: MockOptions = {}): SetupServer {
  return setupServer(...mockHandlers(options));
}
