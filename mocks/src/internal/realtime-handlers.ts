/**
 * What `createMockServer`/`createMockWorker` hand msw: every operation's handler and the realtime
 * socket's (the one given, a new one, or none). With a socket mock, `POST /realtime/broadcast`
 * reaches its subscribers, unless the caller overrides that operation.
 */
import { HttpResponse, type RequestHandler, type WebSocketHandler } from 'msw';
import { createHandlers } from '../create-handlers';
import { createRealtimeMock } from '../create-realtime-mock';
import { MOCK_STATUS_HEADER } from '../mock-answer';
import type { MockOptions, MockOverride, RealtimeMock } from '../types';
import { hasCredential } from './has-credential';

/** The HTTP broadcast through the socket mock; undefined (the plain mock's answer) for a scenario, no credential or a bad body. */
function broadcastThrough(realtime: RealtimeMock): MockOverride {
  return async ({ request }) => {
    if (request.headers.has(MOCK_STATUS_HEADER) || !hasCredential(request)) return undefined;
    const body = await request.json().catch(() => undefined);
    const { channel, event } = body ?? {};
    if (typeof channel !== 'string' || typeof event !== 'string' || !('payload' in body)) return undefined;
    const recipients = realtime.broadcast(channel, event, body.payload);
    return HttpResponse.json({ recipients, subscribers_notified: recipients });
  };
}

/** Every operation's handler and, unless `realtime: false`, the realtime socket's. */
export function mockHandlers(options: MockOptions): (RequestHandler | WebSocketHandler)[] {
  if (options.realtime === false) return createHandlers(options);
  const realtime = options.realtime ?? createRealtimeMock({ baseUrl: options.baseUrl });
  const overrides = { broadcast: broadcastThrough(realtime), ...options.overrides };
  return [...createHandlers({ ...options, overrides }), realtime.handler];
}
