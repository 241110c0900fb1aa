/**
 * The realtime bus over Redis pub/sub, used instead of PostgreSQL NOTIFY when `REDIS_URL` is
 * set: one connection publishes, a second one subscribes (node-redis reconnects and
 * resubscribes by itself). Messages have no 8 kB limit here. Change notifications still come
 * from PostgreSQL's capture trigger, which NOTIFYs inside the database.
 */
import { createClient } from '@redis/client';
import type { Logger } from '../../log';

/** What the bus uses of a node-redis client. */
interface Client {
  publish(channel: string, message: string): Promise<unknown>;
  close(): Promise<void>;
}

/** The Redis channel of one database and schema: instances of other databases on the same Redis stay apart. */
export function redisChannelOf(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  return `lockstep:realtime:${url.host}${url.pathname}:${schema}`;
}

/** A publishing and a subscribed Redis connection on one channel. */
export class RedisBus {
  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
    readonly channel: string,
  ) {}

  /** Connects both clients and subscribes; `receive` gets every message on the channel (this instance's too). */
  static async connect(url: string, channel: string, receive: (text: string) => void, log: Logger): Promise<RedisBus> {
    const publisher = createClient({ url });
    publisher.on('error', (error) => log.warn({ err: error }, 'realtime: Redis (publisher)'));
    const subscriber = createClient({ url });
    subscriber.on('error', (error) => log.warn({ err: error }, 'realtime: Redis (subscriber)'));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel, receive);
    return new RedisBus(publisher, subscriber, channel);
  }

  /** Publishes one message. */
  async publish(text: string): Promise<void> {
    await this.publisher.publish(this.channel, text);
  }

  private closed = false;

  /** Closes both connections (once: the server's shutdown and the listener's stop may both ask). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.subscriber, this.publisher].map((c) => c.close().catch(() => undefined)));
  }
}
