/**
 * Log lines held and written together: joined here until `bytes` wait or `waitMs` pass, then
 * handed to the destination in one write. The batching is done here rather than by
 * sonic-boom's `minLength`, which measures the UTF-8 length of its whole pending buffer on
 * every write: ~3 µs a request line with 4 KiB held, the dearest step of a request's log.
 */

/** Where a batch goes: sonic-boom's interface. */
export interface LineSink {
  write(text: string): unknown;
  flushSync(): void;
}

export class LineBatch {
  private pending = '';
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sink: LineSink,
    private readonly bytes = 4096,
    private readonly waitMs = 100,
  ) {}

  /** Holds `line` (a whole line, newline included); writes the batch once it is `bytes` long. */
  write(line: string): void {
    this.pending += line;
    // UTF-16 units, not bytes: a threshold needs no more than an estimate.
    if (this.pending.length >= this.bytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.waitMs).unref();
  }

  /** Hands what is held to the sink now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.sink.write(text);
  }

  /** Writes what is held, and what the sink holds, before returning (at exit). */
  flushSync(): void {
    this.flush();
    this.sink.flushSync();
  }
}
