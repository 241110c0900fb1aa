/**
 * Admission of operations under overload. Without it, a flood of requests is answered in
 * arrival order, one event-loop turn after another, and a health probe waits behind all of
 * them (seconds at 500 connections). Two bounds hold:
 *
 * - at most `limit` operations run at once (what an asynchronous engine, PostgreSQL, needs);
 * - one event-loop turn starts operations for at most `turnBudgetMs` (what a synchronous
 *   engine, SQLite, needs: its operations finish inside the turn that started them, so the
 *   first bound never fills, and without the second a turn ran every request its sockets
 *   held, 170 ms at 500 connections, while a probe's bytes waited for the next turn).
 *
 * The rest wait in a queue that is released from `setImmediate`, after the event loop has
 * polled its sockets, so a probe that arrives meanwhile (probes are never queued) is answered
 * in the next turn. Nothing is refused: queued requests wait, and memory holds only their
 * Requests.
 */
import type { Awaitable } from '../awaitable';

export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private releaseScheduled = false;
  /** When this turn started its first operation; unset between turns. */
  private turnStartedAt?: number;

  constructor(
    private readonly limit: number,
    private readonly turnBudgetMs = 10,
  ) {}

  /**
   * Runs `work` when a place is free: at once when one is, answering what `work` answers (a
   * value when it finished at once), else once the queue reaches it.
   */
  run<T>(work: () => Awaitable<T>): Awaitable<T> {
    if (this.waiting.length > 0 || this.running >= this.limit || !this.turnHasTime()) return this.queued(work);
    this.running++;
    return this.released(work);
  }

  private async queued<T>(work: () => Awaitable<T>): Promise<T> {
    await new Promise<void>((admit) => this.waiting.push(admit));
    return this.released(work);
  }

  /** Runs admitted `work`; its place is given back when it ends, at once or when its promise settles. */
  private released<T>(work: () => Awaitable<T>): Awaitable<T> {
    let result: Awaitable<T>;
    try {
      result = work();
    } catch (error) {
      this.end();
      throw error;
    }
    if (!(result instanceof Promise)) {
      this.end();
      return result;
    }
    return result.then(
      (value) => {
        this.end();
        return value;
      },
      (error) => {
        this.end();
        throw error;
      },
    );
  }

  private end(): void {
    this.running--;
    this.admitNext();
  }

  /** After an operation ends: the next in the queue now, while this turn has time; else in the next turn. */
  private admitNext(): void {
    if (this.waiting.length === 0) return;
    if (this.running < this.limit && this.turnHasTime()) {
      this.running++;
      this.waiting.shift()?.();
    } else this.scheduleRelease();
  }

  /** Operations running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Whether this turn may still start an operation; the first one starts the turn's clock. */
  private turnHasTime(): boolean {
    const now = performance.now();
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = now;
      this.scheduleRelease();
      return true;
    }
    return now - this.turnStartedAt < this.turnBudgetMs;
  }

  /**
   * In the next check phase: a new turn, and the queue admitted up to the limit; each of them
   * that ends while the turn has time admits the next (arrivals of the next poll phase queue
   * behind them).
   */
  private scheduleRelease(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      this.turnStartedAt = undefined;
      while (this.waiting.length > 0 && this.running < this.limit && this.turnHasTime()) {
        this.running++;
        this.waiting.shift()?.();
      }
    });
  }
}
