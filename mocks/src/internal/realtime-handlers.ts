/** The realtime handler `createMockServer`/`createMockWorker` add: the one given, a new one, or none. */
import type { WebSocketHandler } from 'msw';
import { createRealtimeMock } from '../create-realtime-mock';
import type { MockOptions } from '../types';

/** The realtime mock's handler per `options.realtime` (none when `false`). */
export function realtimeHandlers(options: MockOptions): WebSocketHandler[] {
  if (options.realtime === false) return [];
  return [(options.realtime ?? createRealtimeMock({ baseUrl: options.baseUrl })).handler];
}
