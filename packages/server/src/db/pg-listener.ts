/**
 * One dedicated PostgreSQL connection that LISTENs on a set of channels and hands each
 * notification's payload to that channel's handler. It reconnects with backoff and reports
 * the reconnect, since notifications sent meanwhile are lost.
 */
import pg from 'pg';
import type { Logger } from '../log';

/** A channel's handler, given the notification's payload ('' when it had none). */
export type NotificationHandler = (payload: string) => void;

/** What the listener is for: its name in log lines, and what to do after a reconnect. */
export interface ListenerOptions {
  /** Who listens, for log lines ('realtime', 'auth'). */
  name: string;
  log: Logger;
  /** The connection was re-established after a loss (notifications may have been missed). */
  reconnected?: () => void;
}

/** A LISTEN connection that survives drops. */
export class PgListener {
  private client?: pg.Client;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly channels: Record<string, NotificationHandler>,
    private readonly options: ListenerOptions,
  ) {}

  /** Connects and listens; resolves once listening. */
  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => this.channels[n.channel]?.(n.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(
      Object.keys(this.channels)
        .map((channel) => `LISTEN "${channel}"`)
        .join('; '),
    );
    this.client = client;
    this.attempt = 0;
    if (again) this.options.reconnected?.();
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.options.log.warn({ err: error }, `${this.options.name}: the LISTEN connection was lost; reconnecting`);
    const retry = () => {
      if (this.stopped) return;
      const delay = Math.min(100 * 2 ** this.attempt++, 5000);
      setTimeout(() => this.connect(true).catch(retry), delay).unref();
    };
    retry();
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
