/**
 * The change log, read in order and handed over in batches. SQLite (one instance) polls
 * `ls_changes` for ids above the last one read; its writers are serialised, so id order is
 * commit order. PostgreSQL pushes each committed change's id by NOTIFY, delivered in commit
 * order; the feed fetches the rows of a burst of ids in one query and keeps their order.
 * Batches are handed over one at a time, so events leave in commit order per table.
 */
import { type ChangeRecord, changesAfter, changesByIds, lastChangeId } from '../../data/change-log';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';

const CLOSE_WAIT_MS = 5000;
/** Receives batches of changes, oldest first. */
export type ChangeSink = (changes: ChangeRecord[]) => Promise<void>;

/** Reads the change log for the realtime module. */
export class ChangeFeed {
  private last = 0;
  private pending: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private wasActive = false;

  constructor(
    private readonly database: Database,
    private readonly sink: ChangeSink,
    /** Whether anyone reads changes now; an idle feed reads nothing. */
    private readonly active: () => boolean,
    private readonly log: Logger,
  ) {}

  /** Starts from the newest change; SQLite starts polling every `pollMs`. */
  async start(pollMs: number): Promise<void> {
    this.last = await lastChangeId(this.database);
    if (this.database.engine === 'sqlite') this.poll(pollMs);
  }

  private poll(pollMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.enqueue(() => this.readAfter()).finally(() => this.poll(pollMs));
    }, pollMs);
    this.timer.unref();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step).catch((error) => this.log.error({ err: error }, 'realtime: change feed'));
    return this.chain;
  }

  /**
   * Called before a table subscription is confirmed: when nobody read changes until now,
   * reading starts after the newest change, so the subscriber gets every change committed
   * after its `subscribed` frame and none from before.
   */
  async activate(): Promise<void> {
    if (this.wasActive) return;
    await this.enqueue(async () => {
      if (this.wasActive) return;
      this.last = Math.max(this.last, await lastChangeId(this.database));
      this.wasActive = true;
    });
  }

  private async readAfter(): Promise<void> {
    if (!this.active()) {
      this.wasActive = false;
      return;
    }
    if (!this.wasActive) return;
    for (;;) {
      const changes = await changesAfter(this.database, this.last, 1000);
      if (changes.length === 0) return;
      this.last = changes[changes.length - 1].id;
      await this.sink(changes);
      if (changes.length < 1000) return;
    }
  }

  /** PostgreSQL: a change id was notified. Ids notified together are fetched together. */
  notified(id: number): void {
    if (!this.active()) {
      this.wasActive = false;
      return;
    }
    if (!this.wasActive) return;
    this.pending.push(id);
    if (this.pending.length > 1) return;
    setImmediate(() =>
      this.enqueue(async () => {
        const ids = this.pending;
        this.pending = [];
        // A bulk write notifies one id per row; fetch them in bounded chunks, in order.
        for (let i = 0; i < ids.length; i += 5000) {
          const changes = await changesByIds(this.database, ids.slice(i, i + 5000));
          for (const c of changes) this.last = Math.max(this.last, c.id);
          if (changes.length > 0) await this.sink(changes);
        }
      }),
    );
  }

  /** PostgreSQL: the LISTEN connection came back; reads what was committed meanwhile. */
  caughtUp(): void {
    this.enqueue(async () => {
      const changes = await changesAfter(this.database, this.last, 10_000);
      if (changes.length === 0) return;
      this.last = changes[changes.length - 1].id;
      await this.sink(changes);
    });
  }

  /** Stops polling and waits for the batch in hand. */
  /** Stops reading; waits for the batch in hand, at most `CLOSE_WAIT_MS` (a stopping server must stop). */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log.warn({ module: 'realtime' }, 'realtime: the change feed was still busy at shutdown');
        resolve();
      }, CLOSE_WAIT_MS);
    });
    await Promise.race([this.chain, waited]);
    clearTimeout(timer);
  }
}
