/**
 * The realtime tag's HTTP operations: where to open the WebSocket, the subscriptions list,
 * ending a subscription, broadcasting from HTTP and the statistics. Each translates HTTP to
 * a call of the realtime service and back; the WebSocket itself is `socket-server.ts`.
 */
import type { components } from '@lockstep/contract';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import type { Subscription } from './subscriptions';

type RealtimeSubscription = components['schemas']['RealtimeSubscription'];

function toPublic(s: Subscription): RealtimeSubscription {
  const out: RealtimeSubscription = {
    id: s.id,
    connection_id: s.connection?.id ?? null,
    user_id: s.userId,
    channel: s.channel,
    connected_at: s.createdAt,
  };
  if (s.filter !== undefined && s.filter !== null)
    out.filter = (typeof s.filter === 'string' ? { filter: s.filter } : s.filter) as Record<string, unknown>;
  return out;
}

function websocketUrl(request: Request): string {
  const url = new URL(request.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  return url.toString();
}

/** The handlers of the `realtime` tag. */
export const realtimeHandlers: ModuleHandlers<'realtime'> = {
  connectRealtime: async ({ request }) => ({
    status: 200,
    body: {
      websocket_url: websocketUrl(request),
      message: 'Open a WebSocket here (Upgrade: websocket); the frames are described in asyncapi.yaml.',
    },
  }),
  getSubscriptions: async ({ query, services }) => {
    const all = services.realtime.subscriptions
      .all()
      .filter((s) => query.user_id === undefined || s.userId === query.user_id)
      .filter((s) => query.channel === undefined || s.channel === query.channel);
    const offset = query.offset ?? 0;
    const page = all.slice(offset, offset + (query.limit ?? 50));
    return { status: 200, body: page.map(toPublic), headers: { 'X-Total-Count': String(all.length) } };
  },
  disconnectSubscription: async ({ params, services }) => {
    const s = services.realtime.subscriptions.byId.get(params.subscriptionId);
    if (!s) throw errors.notFound('Subscription');
    services.realtime.endSubscription(s, true);
    return { status: 204 };
  },
  broadcast: async ({ body, services }) => {
    const recipients = services.realtime.broadcast(body.channel, body.event, body.payload);
    return { status: 200, body: { recipients, subscribers_notified: recipients } };
  },
  getRealtimeStats: async ({ services }) => {
    const s = services.realtime.statsView();
    return {
      status: 200,
      body: {
        total_connections: s.connections,
        total_channels: s.channels.length,
        messages_per_second: s.messagesPerSecond,
        bytes_per_second: s.bytesPerSecond,
        active_connections: s.connections,
        total_subscriptions: s.subscriptions,
        channels: s.channels,
        messages_per_minute: s.messagesPerSecond * 60,
      },
    };
  },
};
