/**
 * What the server does with each client frame (spec/asyncapi.yaml, `receive` operations):
 * ping, subscribe, unsubscribe, broadcast, track and presence_state. Every refusal is an
 * `error` frame; the connection stays open.
 */
import type { Connection } from './connection';
import { type ClientFrame, FrameError, parseClientFrame } from './frames';
import { resolveTarget } from './resolve-target';
import type { RealtimeService } from './service';

async function subscribe(service: RealtimeService, c: Connection, f: Extract<ClientFrame, { type: 'subscribe' }>) {
  const existing = c.subscriptions.get(f.channel);
  if (!existing && c.subscriptions.size >= service.options.maxSubscriptions)
    throw new FrameError(
      'RATE_LIMITED',
      `At most ${service.options.maxSubscriptions} subscriptions per connection`,
      f.channel,
    );
  const target = await resolveTarget(service, c.caller, f.channel, f.filter);
  if (c.closed) return;
  if (existing) service.subscriptions.delete(existing);
  const s = service.subscriptions.create({
    connection: c,
    userId: c.userId,
    channel: f.channel,
    filter: f.filter ?? undefined,
    self: f.self ?? true,
    ...target,
  });
  c.send({ type: 'subscribed', channel: f.channel, subscription_id: s.id });
}

function track(service: RealtimeService, c: Connection, f: Extract<ClientFrame, { type: 'track' }>) {
  if (c.caller.kind !== 'user')
    throw new FrameError('FORBIDDEN', 'Anonymous connections cannot track presence', f.channel);
  if (!c.subscriptions.has(f.channel))
    throw new FrameError('VALIDATION_FAILED', `Subscribe to ${f.channel} before tracking on it`, f.channel);
  const user = {
    user_id: c.caller.userId,
    email: c.caller.email,
    online_at: new Date().toISOString(),
    status: f.status ?? 'online',
    ...(Object.keys(f.metadata).length > 0 ? { metadata: f.metadata } : {}),
  };
  service.track(c, f.channel, user);
}

async function act(service: RealtimeService, c: Connection, f: ClientFrame): Promise<void> {
  switch (f.type) {
    case 'ping':
      c.send({ type: 'pong' });
      return;
    case 'subscribe':
      return subscribe(service, c, f);
    case 'unsubscribe': {
      const s = c.subscriptions.get(f.channel);
      if (s) service.endSubscription(s, false);
      c.send({ type: 'unsubscribed', channel: f.channel });
      return;
    }
    case 'broadcast':
      if (f.channel.startsWith('db:'))
        throw new FrameError('FORBIDDEN', 'db: channels carry database changes only', f.channel);
      service.broadcast(f.channel, f.event, f.payload, c);
      return;
    case 'track':
      return track(service, c, f);
    case 'presence_state':
      c.send({ type: 'presence_state', channel: f.channel, users: service.presentTo(c, f.channel) });
      return;
  }
}

/** Handles one text frame of `c`. */
export async function handleFrame(service: RealtimeService, c: Connection, text: string): Promise<void> {
  if (!c.admit()) {
    if (c.justLimited)
      c.fail('RATE_LIMITED', `At most ${service.options.maxMessagesPerSecond} frames per second; frames were dropped`);
    return;
  }
  try {
    if (Buffer.byteLength(text) > service.options.maxFrameBytes)
      throw new FrameError('VALIDATION_FAILED', `Frames are at most ${service.options.maxFrameBytes} bytes`);
    await act(service, c, parseClientFrame(text));
  } catch (error) {
    if (error instanceof FrameError) c.fail(error.code, error.message, error.channel);
    else {
      service.deps.log.error({ err: error }, 'realtime: a frame failed');
      c.fail('INTERNAL', 'The server could not handle the frame');
    }
  }
}
