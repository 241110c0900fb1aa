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

  /**
   * Connects both clients and subscribes; `receive` gets every message on the channel (this
   * instance's too). A Redis that cannot be reached at start fails the start (not a silent
   * retry loop); once connected, a lost connection is retried with backoff.
   */
  static async connect(url: string, channel: string, receive: (text: string) => void, log: Logger): Promise<RedisBus> {
    let started = false;
    const open = (role: string) => {
      const client = createClient({
        url,
        socket: {
          connectTimeout: 5000,
          reconnectStrategy: (retries, cause) => (started ? Math.min(100 * 2 ** retries, 5000) : cause),
        },
      });
      client.on('error', (error) => log.warn({ err: error }, `realtime: Redis (${role})`));
      return client;
    };
    const [publisher, subscriber] = [open('publisher'), open('subscriber')];
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(channel, receive);
    } catch (error) {
      for (const c of [publisher, subscriber]) c.destroy();
      throw new Error(`REDIS_URL: cannot use Redis: ${(error as Error).message}`, { cause: error });
    }
    started = true;
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
