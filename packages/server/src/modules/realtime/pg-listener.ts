/**
 * One dedicated PostgreSQL connection that LISTENs on the schema's two channels: change ids
 * from the capture trigger (`ls_changes_<schema>`) and the realtime bus between instances
 * (`ls_realtime_<schema>`). It reconnects with backoff and reports the reconnect, so the
 * reader can catch up from the change log.
 */
import pg from 'pg';
import type { Logger } from '../../log';

/** What the listener reports. */
export interface ListenerEvents {
  changeId: (id: number) => void;
  bus: (payload: string) => void;
  /** The connection was re-established after a loss (notifications may have been missed). */
  reconnected: () => void;
}

/** The channel names of a schema. */
export function channelsOf(schema: string): { changes: string; bus: string } {
  return { changes: `ls_changes_${schema}`, bus: `ls_realtime_${schema}` };
}

/** A LISTEN connection that survives drops. */
export class PgListener {
  private client?: pg.Client;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly events: ListenerEvents,
    private readonly log: Logger,
  ) {}

  /** Connects and listens; resolves once listening. */
  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const { changes, bus } = channelsOf(this.schema);
    client.on('notification', (n) => {
      if (n.channel === changes) this.events.changeId(Number(n.payload));
      else if (n.channel === bus && n.payload) this.events.bus(n.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN "${changes}"; LISTEN "${bus}"`);
    this.client = client;
    this.attempt = 0;
    if (again) this.events.reconnected();
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    this.log.warn({ err: error }, 'realtime: the LISTEN connection was lost; reconnecting');
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
