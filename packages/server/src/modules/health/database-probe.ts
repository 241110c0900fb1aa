/**
 * The database check behind `/health` and `/health/ready`, shared by every probe: at most one
 * ping runs at a time, an answer less than `freshMs` old is reused, and an answer less than
 * `staleMs` old is given at once while a new ping runs behind it. So a flood of probes costs
 * the database one ping a second, and a probe never waits behind a saturated pool. A ping that
 * takes longer than `staleMs` counts as a failure: a database that slow is not ready.
 */
import type { Awaitable } from '../../awaitable';

export type DatabaseState = 'ok' | 'failed';

export interface ProbeTiming {
  /** @default 1000 */
  freshMs?: number;
  /** @default 5000 */
  staleMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export class DatabaseProbe {
  private last?: { state: DatabaseState; at: number };
  private inFlight?: Promise<DatabaseState>;
  private readonly freshMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ping: () => Promise<void>,
    timing: ProbeTiming = {},
  ) {
    this.freshMs = timing.freshMs ?? 1000;
    this.staleMs = timing.staleMs ?? 5000;
    this.now = timing.now ?? Date.now;
  }

  /**
   * The database's state, at most `freshMs` old (or `staleMs` while a newer ping runs): at once
   * when a recent answer is known, else once the ping answers.
   */
  state(): Awaitable<DatabaseState> {
    const age = this.last ? this.now() - this.last.at : Number.POSITIVE_INFINITY;
    if (this.last && age < this.freshMs) return this.last.state;
    this.inFlight ??= this.check();
    if (this.last && age < this.staleMs) return this.last.state;
    return this.inFlight;
  }

  private async check(): Promise<DatabaseState> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<DatabaseState>((resolve) => {
      timer = setTimeout(() => resolve('failed'), this.staleMs);
      timer.unref?.();
    });
    const pinged = this.ping().then(
      () => 'ok' as const,
      () => 'failed' as const,
    );
    try {
      const state = await Promise.race([pinged, timedOut]);
      this.last = { state, at: this.now() };
      return state;
    } finally {
      clearTimeout(timer);
      this.inFlight = undefined;
    }
  }
}
