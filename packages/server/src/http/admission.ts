/**
 * Admission of operations under overload. Without it, a flood of requests is answered in
 * arrival order, one event-loop turn after another, and a health probe waits behind all of
 * them (seconds at 500 connections). Here at most `limit` operations run at once; the rest
 * wait in a queue that is released from `setImmediate`, after the event loop has polled its
 * sockets, so a probe that arrives meanwhile (probes are never queued) is answered in the
 * next turn. Nothing is refused: queued requests wait, and memory holds only their Requests.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private releaseScheduled = false;

  constructor(private readonly limit: number) {}

  /** Runs `work` when a place is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit && this.waiting.length === 0) this.running++;
    else await new Promise<void>((admit) => this.waiting.push(admit));
    try {
      return await work();
    } finally {
      this.running--;
      this.scheduleRelease();
    }
  }

  /** Operations running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private scheduleRelease(): void {
    if (this.releaseScheduled || this.waiting.length === 0) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      while (this.running < this.limit && this.waiting.length > 0) {
        this.running++;
        this.waiting.shift()?.();
      }
    });
  }
}
