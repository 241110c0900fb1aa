import { ws } from 'msw';
import { DEFAULT_BASE_URL } from './create-handlers';
import { errorFrame, type HubConnection, RealtimeHub } from './internal/realtime-hub';
import { identityOf } from './internal/realtime-identity';
import type { RealtimeMock, RealtimeMockOptions } from './types';

/** The socket's address: the API's origin (and prefix) in ws(s), then `/realtime`. */
function socketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/realtime`;
}

/**
 * A mock of the realtime WebSocket (spec/asyncapi.yaml) on msw's `ws` API: the global
 * `WebSocket` (browsers, Node 22; Node 20 needs one set before msw starts) connects to it as
 * to the server, and a test pushes row changes with `emitChange`.
 * @example
 * const realtime = createRealtimeMock();
 * const server = createMockServer({ realtime });
 * realtime.emitChange({ table: 'todos', event: 'INSERT', record: { id: 1, title: 'Hi' } });
 */
export function createRealtimeMock(options: RealtimeMockOptions = {}): RealtimeMock {
  const hub = new RealtimeHub(options.tables);
  const identify = options.identify ?? identityOf;
  const open = new Map<HubConnection, { close(code?: number, reason?: string): void }>();
  const link = ws.link(socketUrl(options.baseUrl ?? DEFAULT_BASE_URL));
  const handler = link.addEventListener('connection', ({ client }) => {
    const send = (frame: object) => client.send(JSON.stringify(frame));
    const token = client.url.searchParams.get('token');
    const identity = token ? identify(token) : undefined;
    if (token !== null && !identity) {
      send(errorFrame('UNAUTHENTICATED', 'The access token is invalid'));
      // msw delivers a frame on a later tick; closing at once would overtake it.
      setTimeout(() => client.close(4001, 'unauthenticated'), 0);
      return;
    }
    const connection = hub.open(send, identity);
    open.set(connection, client);
    client.addEventListener('message', (event) => hub.receive(connection, String(event.data)));
    client.addEventListener('close', () => {
      open.delete(connection);
      hub.close(connection);
    });
  });
  return {
    handler,
    emitChange: (change) => hub.emitChange(change),
    broadcast: (channel, event, payload) => hub.broadcast(channel, event, payload),
    publish: (channel, event, payload) => hub.publish(channel, event, payload),
    closeAll(code = 1001) {
      for (const [connection, client] of open) {
        open.delete(connection);
        hub.close(connection);
        client.close(code, code === 1001 ? 'server shutting down' : '');
      }
    },
  };
}
