/**
 * Named leases in the database: at most one instance holds a lease at a time, so work that
 * must run once across instances (a schedule's tick, the cluster's authority) runs where
 * the lease is held. A holder renews before expiry; one that stops renewing loses the
 * lease when it expires, and another instance takes it.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables';

/** Who holds what, for how long. */
export interface LeaseHolding {
  name: string;
  holder: string;
  expiresAt: number;
}

/** Takes, renews and gives up leases for one instance (`holder`). */
export class Leases {
  /** This instance's identity as a lease holder; unique per process start. */
  readonly holder: string;

  constructor(
    private readonly db: Kysely<Tables>,
    holder: string = randomUUID(),
    private readonly now: () => number = Date.now,
  ) {
    this.holder = holder;
  }

  /**
   * Takes `name` for `ttlMs`, or renews it when this instance holds it already.
   * Answers whether this instance holds it now. One statement, so two instances racing
   * for a free lease cannot both win.
   */
  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = now + ttlMs;
    const { rows } = await sql<{ holder: string }>`
      insert into ls_leases (name, holder, expires_at) values (${name}, ${this.holder}, ${expiresAt})
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where ls_leases.holder = excluded.holder or ls_leases.expires_at < ${now}
      returning holder`.execute(this.db);
    return rows[0]?.holder === this.holder;
  }

  /** Gives up `name` if this instance holds it (at shutdown, so another takes over at once). */
  async release(name: string): Promise<void> {
    await this.db.deleteFrom('ls_leases').where('name', '=', name).where('holder', '=', this.holder).execute();
  }

  /** The current holder of `name`, or undefined when nobody holds it. */
  async holderOf(name: string): Promise<LeaseHolding | undefined> {
    const row = await this.db
      .selectFrom('ls_leases')
      .selectAll()
      .where('name', '=', name)
      .where('expires_at', '>=', this.now())
      .executeTakeFirst();
    return row ? { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at) } : undefined;
  }

  /**
   * Runs `task` only if this instance holds (or can take) `name`. For a schedule's tick:
   * every instance calls it, one runs the task. Answers whether the task ran here.
   */
  async runIfHeld(name: string, ttlMs: number, task: () => Promise<void>): Promise<boolean> {
    if (!(await this.acquire(name, ttlMs))) return false;
    await task();
    return true;
  }
}
