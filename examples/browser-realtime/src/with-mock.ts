/**
 * The same page against the mocks instead of a server: msw's worker answers the HTTP calls
 * and its `ws` handler the realtime socket (`@lockstep-internal/mocks`), as a frontend would
 * develop before the backend exists. `window.realtimeMock.emitChange(…)` plays a row change.
 */
import { createRealtimeMock } from '@lockstep-internal/mocks';
import { createMockWorker } from '@lockstep-internal/mocks/browser';

const realtime = createRealtimeMock({ tables: ['notes'] });
await createMockWorker({ realtime }).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  onUnhandledRequest: 'bypass',
  quiet: true,
});
(window as unknown as { realtimeMock: typeof realtime }).realtimeMock = realtime;
await import('./app');
