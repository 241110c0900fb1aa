/**
 * The rules of realtime: connections and their subscriptions, database change events with
 * row-level security and filters, broadcast, presence, the admin views, and fan-out to
 * other instances over the bus. The WebSocket plumbing is in `socket-server.ts`; each
 * client frame's handling is in `frame-handlers.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { PresenceChange, PresenceUser } from '@lockstep/contract';
import type { Caller } from '../../data/caller';
import { type ChangeRecord, pruneChanges } from '../../data/change-log';
import type { RlsStore } from '../../data/policy/store';
import type { RowService } from '../../data/row-service';
import type { Database } from '../../db/database';
import { PgListener } from '../../db/pg-listener';
import type { Logger } from '../../log';
import type { Credentials } from '../auth/credentials';
import { Bus, type BusMessage, type InstanceStats } from './bus';
import { fanOut, prepareChange } from './changes';
import { channelsOf } from './channels';
import type { Connection } from './connection';
import { ChangeFeed } from './feed';
import { defaultRealtimeOptions, type RealtimeOptions } from './options';
import { loadReadCheck } from './policy';
import { Presence, type PresenceEntry } from './presence';
import { RedisBus, redisChannelOf } from './redis-bus';
import { resolveTarget } from './resolve-target';
import { SendStats } from './stats';
import { pruneMessages } from './store';
import { type Subscription, Subscriptions } from './subscriptions';

/** What the service needs from the server. */
export interface RealtimeDeps {
  database: Database;
  rows: RowService;
  rls: RlsStore;
  credentials: Credentials;
  log: Logger;
  options?: Partial<RealtimeOptions>;
  /** PostgreSQL's URL and schema; absent on SQLite. */
  postgres?: { url: string; schema: string };
  /** A `redis://` URL: on PostgreSQL, messages between instances go over Redis pub/sub instead of NOTIFY. */
  redisUrl?: string;
}

/** `RealtimeStats` of the spec, summed over live instances. */
export interface RealtimeStatsView {
  connections: number;
  subscriptions: number;
  channels: string[];
  messagesPerSecond: number;
  bytesPerSecond: number;
}

/** Receives every batch of changes the feed reads (see `watchChanges`). */
export type ChangeWatcher = (changes: ChangeRecord[]) => Promise<void>;

const HEARTBEAT_MS = 5000;

function withoutEmail(user: PresenceUser): PresenceUser {
  const { email: _email, ...rest } = user;
  return rest;
}
const INSTANCE_TIMEOUT_MS = 15_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** The realtime hub of one server instance. */
export class RealtimeService {
  readonly options: RealtimeOptions;
  readonly instanceId = randomUUID();
  readonly connections = new Map<string, Connection>();
  readonly subscriptions = new Subscriptions();
  readonly presence = new Presence();
  readonly stats = new SendStats();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly remoteStats = new Map<string, { seen: number; stats: InstanceStats }>();
  private readonly bus: Bus;
  private readonly feed: ChangeFeed;
  private listener?: PgListener;
  private readonly changeWatchers = new Set<ChangeWatcher>();
  private heartbeat?: NodeJS.Timeout;
  private pruner?: NodeJS.Timeout;

  constructor(readonly deps: RealtimeDeps) {
    this.options = { ...defaultRealtimeOptions, ...deps.options };
    this.bus = new Bus(this.instanceId, deps.database, deps.postgres?.schema, deps.log);
    this.feed = new ChangeFeed(
      deps.database,
      (changes) => this.deliverChanges(changes),
      () => this.subscriptions.hasTables || this.changeWatchers.size > 0,
      deps.log,
    );
  }

  /** Starts reading changes and, on PostgreSQL, listening to other instances. */
  async start(): Promise<void> {
    await this.feed.start(this.options.pollIntervalMs);
    this.pruner = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruner.unref();
    const pg = this.deps.postgres;
    if (pg) {
      const { changes, bus } = channelsOf(pg.schema);
      this.listener = new PgListener(
        pg.url,
        {
          [changes]: (id) => this.feed.notified(Number(id)),
          [bus]: (payload) => {
            if (payload) void this.receive(payload);
          },
        },
        { name: 'realtime', log: this.deps.log, reconnected: () => this.feed.caughtUp() },
      );
      await this.listener.start();
      if (this.deps.redisUrl) {
        const channel = redisChannelOf(pg.url, pg.schema);
        const receive = (text: string) => void this.receive(text);
        this.bus.redis = await RedisBus.connect(this.deps.redisUrl, channel, receive, this.deps.log);
      }
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
      await this.bus.publish({ k: 'sync', i: this.instanceId });
      this.beat();
    }
  }

  /** Makes sure changes committed from now on reach table subscriptions (before confirming one). */
  readChanges(): Promise<void> {
    return this.feed.activate();
  }

  /** Registers an accepted connection. */
  add(connection: Connection): void {
    this.connections.set(connection.id, connection);
    const user = connection.userId;
    if (!user) return;
    let set = this.byUser.get(user);
    if (!set) {
      set = new Set();
      this.byUser.set(user, set);
    }
    set.add(connection);
  }

  /** Forgets a closed connection: its subscriptions end and its presence leaves. */
  remove(connection: Connection): void {
    if (!this.connections.delete(connection.id)) return;
    for (const s of [...connection.subscriptions.values()]) this.endSubscription(s, false);
    const user = connection.userId;
    const set = user ? this.byUser.get(user) : undefined;
    set?.delete(connection);
    if (user && set?.size === 0) this.byUser.delete(user);
  }

  /** The connections a subscription reaches: its own, or every one of its user's for a standing one. */
  targets(s: Subscription): Iterable<Connection> {
    if (s.connection) return [s.connection];
    return s.userId ? (this.byUser.get(s.userId) ?? []) : [];
  }

  /** Ends a subscription; `notify` sends `unsubscribed` to its connection (an admin's disconnect). */
  endSubscription(s: Subscription, notify: boolean): void {
    this.subscriptions.delete(s);
    if (s.connection) {
      this.leave(s.channel, s.connection);
      if (notify) s.connection.send({ type: 'unsubscribed', channel: s.channel });
    }
  }

  /**
   * Hands every batch of committed changes to `watcher` too (the functions module's event
   * triggers, webhooks: they subscribe here rather than capture changes again), from the
   * next change on; answers a function that stops it. A watcher must return quickly: the
   * feed waits for it.
   */
  async watchChanges(watcher: ChangeWatcher): Promise<() => void> {
    this.changeWatchers.add(watcher);
    await this.feed.activate();
    return () => this.changeWatchers.delete(watcher);
  }

  private async deliverChanges(changes: ChangeRecord[]): Promise<void> {
    for (const watcher of this.changeWatchers)
      await watcher(changes).catch((error) => this.deps.log.error({ err: error }, 'realtime: a change watcher failed'));
    const tables = new Map<string, ChangeRecord[]>();
    for (const c of changes) {
      if (!this.subscriptions.byTable.has(c.table)) continue;
      const list = tables.get(c.table) ?? [];
      list.push(c);
      tables.set(c.table, list);
    }
    for (const [table, list] of tables) {
      const meta = await this.deps.rows.tableIfAny(table);
      if (!meta) continue;
      const mayRead = await loadReadCheck(this.deps.rls, this.deps.database, meta.name, meta.names);
      for (const change of list) {
        const subs = this.subscriptions.byTable.get(table);
        if (!subs) break;
        fanOut(prepareChange(this.deps.database.engine, meta, change), subs, (s) => this.targets(s), mayRead);
      }
    }
  }

  /** Delivers a broadcast (or server message) to this instance's subscribers; answers the recipients. */
  deliverBroadcast(
    type: 'broadcast' | 'message',
    channel: string,
    event: string,
    payload: unknown,
    sender?: Connection,
  ): number {
    const subs = this.subscriptions.byChannel.get(channel);
    if (!subs) return 0;
    const bytes = Buffer.from(JSON.stringify({ type, channel, event, payload }));
    const reached = new Set<Connection>();
    for (const s of subs)
      for (const c of this.targets(s)) {
        if (c === sender && !s.self) continue;
        if (!reached.has(c) && c.sendEncoded(bytes)) reached.add(c);
      }
    return reached.size;
  }

  /** Broadcasts on every instance; answers the recipients on this one. */
  broadcast(channel: string, event: string, payload: unknown, sender?: Connection): number {
    void this.bus.publish({ k: 'broadcast', i: this.instanceId, type: 'broadcast', channel, event, payload });
    return this.deliverBroadcast('broadcast', channel, event, payload, sender);
  }

  private presenceFrame(type: PresenceChange['type'], channel: string, user: PresenceUser): void {
    const bytes = Buffer.from(JSON.stringify({ type, channel, user }));
    const anonymous = Buffer.from(JSON.stringify({ type, channel, user: withoutEmail(user) }));
    const subs = this.subscriptions.byChannel.get(channel);
    const reached = new Set<Connection>();
    for (const s of subs ?? [])
      for (const c of this.targets(s))
        if (!reached.has(c) && c.sendEncoded(c.userId ? bytes : anonymous)) reached.add(c);
  }

  /** Who is present on `channel`, as `viewer` may see it (anonymous connections see no emails). */
  presentTo(viewer: Connection, channel: string): PresenceUser[] {
    const users = this.presence.users(channel);
    return viewer.userId ? users : users.map(withoutEmail);
  }

  /** Tracks a connection's user on a channel and tells the channel. */
  track(connection: Connection, channel: string, user: PresenceUser): void {
    const entry = { channel, connectionId: connection.id, user };
    this.presence.track(entry);
    this.presenceFrame('presence_join', channel, user);
    void this.bus.publish({ k: 'presence', i: this.instanceId, action: 'join', entry });
  }

  /** Ends a connection's presence on a channel, telling the channel when its user is gone. */
  leave(channel: string, connection: Connection): void {
    const user = this.presence.untrack(channel, connection.id);
    if (!user) return;
    const entry = { channel, connectionId: connection.id, user: { ...user, status: 'offline' as const } };
    void this.bus.publish({ k: 'presence', i: this.instanceId, action: 'leave', entry });
    if (!this.presence.has(channel, user.user_id)) this.presenceFrame('presence_leave', channel, entry.user);
  }

  private async receive(payload: string): Promise<void> {
    const message = await this.bus.decode(payload);
    if (!message) return;
    this.presence.heard(message.i);
    this.apply(message);
  }

  private apply(message: BusMessage): void {
    if (message.k === 'broadcast') this.deliverBroadcast(message.type, message.channel, message.event, message.payload);
    else if (message.k === 'presence') this.applyPresence(message.i, message.action, message.entry);
    else if (message.k === 'heartbeat') this.remoteStats.set(message.i, { seen: Date.now(), stats: message.stats });
    else if (message.k === 'sync')
      for (const entry of this.presence.localEntries())
        void this.bus.publish({ k: 'presence', i: this.instanceId, action: 'join', entry });
  }

  private applyPresence(instance: string, action: 'join' | 'leave', entry: PresenceEntry): void {
    const before = this.presence.has(entry.channel, entry.user.user_id);
    this.presence.applyRemote(instance, action, entry);
    if (action === 'join') this.presenceFrame('presence_join', entry.channel, entry.user);
    else if (before && !this.presence.has(entry.channel, entry.user.user_id))
      this.presenceFrame('presence_leave', entry.channel, entry.user);
  }

  private beat(): void {
    void this.bus.publish({ k: 'heartbeat', i: this.instanceId, stats: this.localStats() });
    const before = Date.now() - INSTANCE_TIMEOUT_MS;
    for (const [id, r] of this.remoteStats) if (r.seen < before) this.remoteStats.delete(id);
    for (const gone of this.presence.expire(before))
      if (!this.presence.has(gone.channel, gone.user.user_id))
        this.presenceFrame('presence_leave', gone.channel, { ...gone.user, status: 'offline' });
  }

  private localStats(): InstanceStats {
    const rates = this.stats.rates();
    return {
      connections: this.connections.size,
      subscriptions: this.subscriptions.byId.size,
      channels: [...this.subscriptions.byChannel.keys()],
      ...rates,
    };
  }

  /** Counters of this instance and every live instance it hears from. */
  statsView(): RealtimeStatsView {
    const all = [this.localStats(), ...[...this.remoteStats.values()].map((r) => r.stats)];
    const channels = new Set(all.flatMap((s) => s.channels));
    const sum = (key: 'connections' | 'subscriptions' | 'messagesPerSecond' | 'bytesPerSecond') =>
      all.reduce((n, s) => n + s[key], 0);
    return {
      connections: sum('connections'),
      subscriptions: sum('subscriptions'),
      channels: [...channels].sort(),
      messagesPerSecond: sum('messagesPerSecond'),
      bytesPerSecond: sum('bytesPerSecond'),
    };
  }

  /** A standing subscription of `caller` (the unified pipeline's `subscribe`). */
  async subscribeStanding(caller: Caller, channel: string, filter: unknown): Promise<Subscription> {
    const target = await resolveTarget(this, caller, channel, filter);
    const userId = caller.kind === 'user' ? caller.userId : null;
    return this.subscriptions.create({ connection: null, userId, channel, filter, ...target, self: true });
  }

  /** Ends a standing subscription of `caller`; false when it has none with that id. */
  unsubscribeStanding(caller: Caller, id: string): boolean {
    const s = this.subscriptions.byId.get(id);
    const userId = caller.kind === 'user' ? caller.userId : null;
    if (!s || s.connection !== null || s.userId !== userId) return false;
    this.endSubscription(s, false);
    return true;
  }

  /** Deletes change-log entries older than the retention, and spent bus messages. */
  async prune(now = Date.now()): Promise<void> {
    const { database, log } = this.deps;
    try {
      await pruneChanges(database, new Date(now - this.options.changeRetentionMs).toISOString());
      await pruneMessages(database, new Date(now - 60_000).toISOString());
    } catch (error) {
      log.error({ err: error }, 'realtime: pruning the change log failed');
    }
  }

  /** Stops the feed and the listener; closes every connection with 1001. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.pruner);
    for (const c of this.connections.values()) c.close(1001, 'server shutting down');
    await this.feed.close();
    await this.listener?.close();
    await this.bus.redis?.close();
  }
}
