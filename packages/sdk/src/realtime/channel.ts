/**
 * One channel of the realtime client: `db:<table>` for row changes, any other name for
 * broadcast and presence. Handlers stay registered across reconnects; the client re-sends
 * the channel's `subscribe` after each one.
 */
import type { ChangeEvent, ChangePayload, PresenceUser, RealtimeFilter, ServerFrame } from './frames';

type ChangeHandler = (payload: ChangePayload, event: ChangeEvent) => void;
type BroadcastHandler = (payload: unknown, event: string) => void;
type PresenceHandler = (users: PresenceUser[]) => void;

/** What a channel needs from its client. */
export interface ChannelHost {
  send(frame: Record<string, unknown>): void;
  forget(name: string): void;
}

/** A realtime channel. */
export class RealtimeChannel {
  private readonly changes: { event: ChangeEvent | '*'; handler: ChangeHandler }[] = [];
  private readonly broadcasts: { event: string; handler: BroadcastHandler }[] = [];
  private readonly presences: PresenceHandler[] = [];
  private readonly errors: ((message: string, code: string) => void)[] = [];
  private filter?: RealtimeFilter;
  private self = true;
  private tracked?: Record<string, unknown>;
  /** Whether `subscribe()` was called (and not `unsubscribe()`). */
  joined = false;
  /** The server's id of the current subscription, once confirmed. */
  subscriptionId?: string;
  /** The users present, as of the last `presence_state`. */
  users: PresenceUser[] = [];

  constructor(
    readonly name: string,
    private readonly host: ChannelHost,
  ) {}

  /**
   * Row changes of a `db:` channel. A filter given here is the subscription's (applied by the server).
   * @example channel.on('INSERT', { owner_id: me }, ({ record }) => add(record))
   */
  on(event: ChangeEvent | '*', filterOrHandler: RealtimeFilter | ChangeHandler, handler?: ChangeHandler): this {
    if (typeof filterOrHandler === 'function') this.changes.push({ event, handler: filterOrHandler });
    else {
      this.filter = filterOrHandler;
      if (handler) this.changes.push({ event, handler });
    }
    return this;
  }

  /** Broadcasts of `event` (`*` for all) on this channel. */
  onBroadcast(event: string, handler: BroadcastHandler): this {
    this.broadcasts.push({ event, handler });
    return this;
  }

  /** The presence list, each time it changes. */
  onPresence(handler: PresenceHandler): this {
    this.presences.push(handler);
    return this;
  }

  /** Errors the server reports for this channel. */
  onError(handler: (message: string, code: string) => void): this {
    this.errors.push(handler);
    return this;
  }

  /** Subscribes (now, and again after every reconnect). `self: false` skips one's own broadcasts. */
  subscribe(options: { self?: boolean } = {}): this {
    this.self = options.self ?? true;
    this.joined = true;
    this.resend();
    return this;
  }

  /** Sends `subscribe` (and `track`, when tracking) on the current connection. */
  resend(): void {
    if (!this.joined) return;
    const frame: Record<string, unknown> = { type: 'subscribe', channel: this.name };
    if (this.filter !== undefined) frame.filter = this.filter;
    if (!this.self) frame.self = false;
    this.host.send(frame);
    if (this.tracked) this.host.send({ ...this.tracked, type: 'track', channel: this.name });
  }

  /** Leaves the channel. */
  unsubscribe(): void {
    this.joined = false;
    this.tracked = undefined;
    this.host.send({ type: 'unsubscribe', channel: this.name });
    this.host.forget(this.name);
  }

  /** Broadcasts `payload` as `event` to the channel's subscribers. */
  send(event: string, payload: unknown): void {
    this.host.send({ type: 'broadcast', channel: this.name, event, payload });
  }

  /** Announces this user on the channel, with optional status and metadata (kept across reconnects). */
  track(metadata: Record<string, unknown> = {}): void {
    this.tracked = metadata;
    this.host.send({ ...metadata, type: 'track', channel: this.name });
  }

  /** Handles a frame of this channel. */
  receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'subscribed':
        this.subscriptionId = frame.subscription_id;
        return;
      case 'db_change':
        for (const c of this.changes)
          if (c.event === '*' || c.event === frame.event) c.handler(frame.payload, frame.event);
        return;
      case 'broadcast':
      case 'message':
        for (const b of this.broadcasts)
          if (b.event === '*' || b.event === frame.event) b.handler(frame.payload, frame.event);
        return;
      case 'presence_join':
      case 'presence_leave':
        this.host.send({ type: 'presence_state', channel: this.name });
        return;
      case 'presence_state':
        this.users = frame.users;
        for (const p of this.presences) p(frame.users);
        return;
      case 'error':
        for (const e of this.errors) e(frame.payload.message, frame.payload.code);
        return;
    }
  }
}
