/**
 * The RealtimePage: its WebSocket (`/realtime?token=`, no header), the subscriptions list
 * refetched every 10 s, broadcast over HTTP, disconnecting a subscription; and the stats of
 * `realtimeService` (reference §3.10, §4).
 */
import WebSocket from 'ws';
import type { Reply } from './dashboard-client';
import { call, type ReplayCall, type ReplayContext } from './replay-call';

const CHANNEL = 'room-1';

/** Opens the dashboard's socket, subscribes and pings; answers the frame types seen (the socket stays open). */
async function openSocket(c: ReplayContext): Promise<Reply> {
  const url = `${c.baseUrl.replace(/^http/, 'ws')}/realtime?token=${c.client.accessToken}`;
  const socket = new WebSocket(url);
  c.state.socket = socket;
  const seen: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no pong; frames: ${seen.join(', ')}`)), 5000);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      seen.push(frame.type);
      if (frame.type === 'connected') socket.send(JSON.stringify({ type: 'subscribe', channel: CHANNEL }));
      if (frame.type === 'subscribed') {
        socket.send(JSON.stringify({ type: 'track', channel: CHANNEL }));
        socket.send(JSON.stringify({ type: 'ping' }));
      }
      if (frame.type === 'pong') {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  try {
    await done;
    return { status: 200, body: { frames: seen }, headers: new Headers() };
  } catch (error) {
    return { status: 599, body: { message: String(error) }, headers: new Headers() };
  }
}

/** The RealtimePage's calls, while its socket is connected. */
export const realtimeCalls: ReplayCall[] = [
  call('GET', '/realtime', openSocket, undefined, (reply) =>
    ['connected', 'subscribed', 'pong'].every((t) => reply.body.frames.includes(t))
      ? undefined
      : `frames: ${reply.body.frames.join(', ')}`,
  ),
  call(
    'GET',
    '/realtime/subscriptions',
    async (c) => {
      const reply = await c.client.send('GET', '/realtime/subscriptions');
      c.state.subscriptionId = reply.body?.find?.((s: { channel: string }) => s.channel === CHANNEL)?.id;
      return reply;
    },
    [{ id: 'string', user_id: 'string', channel: 'string', connected_at: 'string' }],
  ),
  call(
    'POST',
    '/realtime/broadcast',
    (c) =>
      c.client.send('POST', '/realtime/broadcast', {
        body: { channel: CHANNEL, event: 'greeting', payload: { text: 'hi' } },
      }),
    { recipients: 'number' },
  ),
  call('GET', '/realtime/stats', (c) => c.client.send('GET', '/realtime/stats'), {
    total_connections: 'number',
    total_channels: 'number',
    messages_per_second: 'number',
    bytes_per_second: 'number',
  }),
  call('DELETE', '/realtime/subscriptions/{subscriptionId}', async (c) => {
    const reply = await c.client.send('DELETE', `/realtime/subscriptions/${c.state.subscriptionId}`);
    (c.state.socket as WebSocket | undefined)?.close();
    return reply;
  }),
];
