/**
 * The state and rules of the realtime mock, apart from any transport: connections and their
 * subscriptions, broadcast (the sender included unless it subscribed with `self: false`),
 * presence (join, leave, state), the documented error frames, and change events pushed by a
 * test. What it sends follows spec/asyncapi.yaml; each connection gets frames through `send`.
 */

import { asyncapiDocument, type FrameErrorCode } from '@lockstep/contract';
import type { MockChange, RealtimeFrame, RealtimePresenceUser } from '../types';
import { type ClientFrame, FrameRefusal, readClientFrame } from './read-client-frame';
import { matchesFilter, type ParsedFilter, parseFilter } from './realtime-filter';
import type { RealtimeIdentity } from './realtime-identity';
import { frameValidators } from './realtime-schemas';

/** The documented limits: a frame's bytes, a connection's subscriptions. */
export const LIMITS = { frameBytes: 64 * 1024, subscriptions: 100 };

interface Subscription {
  id: string;
  self: boolean;
  filter: ParsedFilter;
}

/** One connection of the mock. */
export interface HubConnection {
  readonly id: string;
  readonly identity?: RealtimeIdentity;
  readonly subscriptions: Map<string, Subscription>;
  send(frame: RealtimeFrame): void;
}

const clientFrames = frameValidators(asyncapiDocument, 'client');

/** The error frame for `code`, `message` and `channel`. */
export function errorFrame(code: FrameErrorCode, message: string, channel?: string): RealtimeFrame {
  return { type: 'error', ...(channel === undefined ? {} : { channel }), payload: { message, code }, error: message };
}

/** The realtime mock's connections and channels. */
export class RealtimeHub {
  private readonly connections = new Map<string, HubConnection>();
  private readonly presence = new Map<string, Map<string, RealtimePresenceUser>>();
  private changeId = 0;

  constructor(private readonly tables?: readonly string[]) {}

  /** Opens a connection and greets it with `connected`. */
  open(send: (frame: RealtimeFrame) => void, identity?: RealtimeIdentity): HubConnection {
    const connection: HubConnection = { id: crypto.randomUUID(), identity, subscriptions: new Map(), send };
    this.connections.set(connection.id, connection);
    send({ type: 'connected', payload: { connection_id: connection.id } });
    return connection;
  }

  /** Forgets a closed connection: its presence leaves every channel. */
  close(connection: HubConnection): void {
    if (!this.connections.delete(connection.id)) return;
    for (const channel of connection.subscriptions.keys()) this.leave(channel, connection);
    connection.subscriptions.clear();
  }

  /** Handles one text frame; a refused one gets an error frame, and the connection stays open. */
  receive(connection: HubConnection, text: string): void {
    try {
      if (new TextEncoder().encode(text).length > LIMITS.frameBytes)
        throw new FrameRefusal('VALIDATION_FAILED', `Frames are at most ${LIMITS.frameBytes} bytes`);
      this.act(connection, readClientFrame(text, clientFrames));
    } catch (error) {
      if (!(error instanceof FrameRefusal)) throw error;
      connection.send(errorFrame(error.code, error.message, error.channel));
    }
  }

  private act(c: HubConnection, frame: ClientFrame): void {
    const channel = frame.channel as string;
    if (frame.type === 'ping') c.send({ type: 'pong' });
    else if (frame.type === 'subscribe') this.subscribe(c, channel, frame.filter, frame.self !== false);
    else if (frame.type === 'unsubscribe') {
      if (c.subscriptions.delete(channel)) this.leave(channel, c);
      c.send({ type: 'unsubscribed', channel });
    } else if (frame.type === 'broadcast') {
      if (channel.startsWith('db:'))
        throw new FrameRefusal('FORBIDDEN', 'db: channels carry database changes only', channel);
      this.deliver({ type: 'broadcast', channel, event: frame.event as string, payload: frame.payload }, c);
    } else if (frame.type === 'track') this.track(c, frame);
    else if (frame.type === 'presence_state')
      c.send({ type: 'presence_state', channel, users: this.usersFor(c, channel) });
  }

  private subscribe(c: HubConnection, channel: string, filter: unknown, self: boolean): void {
    if (!c.subscriptions.has(channel) && c.subscriptions.size >= LIMITS.subscriptions)
      throw new FrameRefusal('RATE_LIMITED', `At most ${LIMITS.subscriptions} subscriptions per connection`, channel);
    const table = channel.startsWith('db:') ? channel.slice(3) : undefined;
    if (table !== undefined && this.tables && !this.tables.includes(table))
      throw new FrameRefusal('NOT_FOUND', `No table ${table}`, channel);
    let parsed: ParsedFilter;
    try {
      parsed = parseFilter(filter);
    } catch (error) {
      throw new FrameRefusal('VALIDATION_FAILED', (error as Error).message, channel);
    }
    const subscription = { id: crypto.randomUUID(), self, filter: parsed };
    c.subscriptions.set(channel, subscription);
    c.send({ type: 'subscribed', channel, subscription_id: subscription.id });
  }

  private track(c: HubConnection, frame: ClientFrame): void {
    const { type: _type, channel, status, ...metadata } = frame as ClientFrame & { channel: string };
    if (!c.identity) throw new FrameRefusal('FORBIDDEN', 'Anonymous connections cannot track presence', channel);
    if (!c.subscriptions.has(channel))
      throw new FrameRefusal('VALIDATION_FAILED', `Subscribe to ${channel} before tracking on it`, channel);
    const user: RealtimePresenceUser = {
      ...c.identity,
      online_at: new Date().toISOString(),
      status: status === 'away' ? 'away' : 'online',
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    };
    const entries = this.presence.get(channel) ?? new Map();
    this.presence.set(channel, entries.set(c.id, user));
    this.deliver({ type: 'presence_join', channel, user });
  }

  private leave(channel: string, c: HubConnection): void {
    const entries = this.presence.get(channel);
    const user = entries?.get(c.id);
    if (!entries || !user) return;
    entries.delete(c.id);
    if (entries.size === 0) this.presence.delete(channel);
    if (!this.users(channel).some((u) => u.user_id === user.user_id))
      this.deliver({ type: 'presence_leave', channel, user: { ...user, status: 'offline' } });
  }

  /** The users present on `channel`, each once (their latest track), by arrival. */
  private users(channel: string): RealtimePresenceUser[] {
    const byUser = new Map<string, RealtimePresenceUser>();
    for (const user of this.presence.get(channel)?.values() ?? []) {
      const seen = byUser.get(user.user_id);
      if (!seen || seen.online_at <= user.online_at) byUser.set(user.user_id, user);
    }
    return [...byUser.values()].sort((a, b) => a.online_at.localeCompare(b.online_at));
  }

  private usersFor(viewer: HubConnection, channel: string): RealtimePresenceUser[] {
    return this.users(channel).map((u) => (viewer.identity ? u : withoutEmail(u)));
  }

  /** Sends a channel frame to its subscribers (not `sender` when it chose `self: false`); answers how many. */
  private deliver(frame: RealtimeFrame & { channel: string }, sender?: HubConnection): number {
    let reached = 0;
    for (const c of this.connections.values()) {
      const subscription = c.subscriptions.get(frame.channel);
      if (!subscription || (c === sender && !subscription.self)) continue;
      c.send('user' in frame && !c.identity ? { ...frame, user: withoutEmail(frame.user) } : frame);
      reached++;
    }
    return reached;
  }

  /** Sends a `broadcast` frame (as `POST /realtime/broadcast` does) to a channel; answers how many got it. */
  broadcast(channel: string, event: string, payload: unknown): number {
    return this.deliver({ type: 'broadcast', channel, event, payload });
  }

  /** Sends a `message` frame (one the server publishes itself) to a channel; answers how many got it. */
  publish(channel: string, event: string, payload: unknown): number {
    return this.deliver({ type: 'message', channel, event, payload });
  }

  /** Sends a `db_change` frame to the subscribers of the table whose filter the row passes; answers how many. */
  emitChange(change: MockChange): number {
    const channel = `db:${change.table}`;
    const payload = {
      table: change.table,
      record: change.record,
      ...(change.event === 'UPDATE' && change.old_record ? { old_record: change.old_record } : {}),
      commit_timestamp: new Date().toISOString(),
      change_id: ++this.changeId,
    };
    let reached = 0;
    for (const c of this.connections.values()) {
      const subscription = c.subscriptions.get(channel);
      if (!subscription || !matchesFilter(subscription.filter, change.event, change.record)) continue;
      c.send({ type: 'db_change', channel, event: change.event, payload });
      reached++;
    }
    return reached;
  }
}

function withoutEmail(user: RealtimePresenceUser): RealtimePresenceUser {
  const { email: _email, ...rest } = user;
  return rest;
}
