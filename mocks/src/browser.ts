import { type SetupWorker, setupWorker } from 'msw/browser';
import { mockHandlers } from './internal/realtime-handlers';
import type { MockOptions } from './types';

/**
 * An msw service worker (browser) answering every operation of the spec and the realtime WebSocket; call `start()` at boot.
 * Needs the worker script in the app's public folder: `npx msw init public/`.
 * @example await createMockWorker().start({ onUnhandledRequest: 'bypass' });
 */
export function createMockWorker(options: MockOptions = {}): SetupWorker {
  return setupWorker(...mockHandlers(options));
}
