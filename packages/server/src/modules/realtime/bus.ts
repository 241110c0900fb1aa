/**
 * Messages between server instances: broadcasts, presence joins and leaves, presence sync
 * requests and heartbeats carrying each instance's counters. On PostgreSQL they travel by
 * NOTIFY on `ls_realtime_<schema>`; a message above NOTIFY's 8 kB limit is kept in
 * `ls_realtime_messages` and only its id travels; with `REDIS_URL` they travel over Redis
 * pub/sub instead (`redis-bus.ts`). On SQLite there is one instance by design, and the bus
 * carries nothing.
 */
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import { channelsOf } from './channels';
import type { PresenceEntry } from './presence';
import type { RedisBus } from './redis-bus';
import { getMessage, putMessage } from './store';

/** An instance's counters, as its heartbeat carries them. */
export interface InstanceStats {
  connections: number;
  subscriptions: number;
  channels: string[];
  messagesPerSecond: number;
  bytesPerSecond: number;
}

/** A message between instances; `i` is the sender's instance id. */
export type BusMessage =
  | { k: 'broadcast'; i: string; type: 'broadcast' | 'message'; channel: string; event: string; payload: unknown }
  | { k: 'presence'; i: string; action: 'join' | 'leave'; entry: PresenceEntry }
  | { k: 'sync'; i: string }
  | { k: 'heartbeat'; i: string; stats: InstanceStats };

const NOTIFY_LIMIT = 7900;

/** Sends and decodes bus messages. */
export class Bus {
  /** Redis pub/sub, when set: messages go there instead of NOTIFY. */
  redis?: RedisBus;

  constructor(
    readonly instanceId: string,
    private readonly database: Database,
    private readonly schema: string | undefined,
    private readonly log: Logger,
  ) {}

  /** Whether messages reach other instances (PostgreSQL only). */
  get shared(): boolean {
    return this.schema !== undefined;
  }

  /** Sends a message to every other instance; a failure is logged, never thrown. */
  async publish(message: BusMessage): Promise<void> {
    if (!this.schema || !this.database.pgPool) return;
    try {
      if (this.redis) return await this.redis.publish(JSON.stringify(message));
      let text = JSON.stringify(message);
      if (Buffer.byteLength(text) > NOTIFY_LIMIT) text = JSON.stringify({ ref: await putMessage(this.database, text) });
      await this.database.pgPool.query('select pg_notify($1, $2)', [channelsOf(this.schema).bus, text]);
    } catch (error) {
      this.log.error({ err: error }, 'realtime: a bus message could not be sent');
    }
  }

  /** Decodes a received payload; undefined for this instance's own messages and for garbage. */
  async decode(payload: string): Promise<BusMessage | undefined> {
    try {
      let value = JSON.parse(payload);
      if (typeof value.ref === 'string') {
        const body = await getMessage(this.database, value.ref);
        if (!body) return undefined;
        value = JSON.parse(body);
      }
      return value.i === this.instanceId ? undefined : (value as BusMessage);
    } catch {
      return undefined;
    }
  }
}
