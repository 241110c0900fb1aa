/**
 * The pino destination that keeps every log line: parsed once, handed to live listeners
 * (the SSE streams) at once, and buffered for the log store, which takes the buffer in
 * batches on a timer. Writing never waits for the database: when the store falls behind
 * (or is down), the oldest buffered lines are dropped and counted, not the request.
 */
import { entryOfLine, type LogEntry } from './log-entry';

/** Writes a batch of entries to durable storage. */
export type LogWriter = (entries: LogEntry[]) => Promise<void>;

/** Receives each entry as it is written. */
export type LogListener = (entry: LogEntry) => void;

/** Options of the sink. */
export interface LogSinkOptions {
  /** @default 1000 */
  flushEveryMs: number;
  /** Lines held while the store is behind; older ones are dropped past this. @default 20000 */
  maxBuffered: number;
}

const defaults: LogSinkOptions = { flushEveryMs: 1000, maxBuffered: 20_000 };

/** A pino stream (it has `write(line)`) that keeps lines. */
export class LogSink {
  private seq = 0;
  private buffer: LogEntry[] = [];
  private writer?: LogWriter;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly listeners = new Set<LogListener>();
  private readonly options: LogSinkOptions;
  /** Lines dropped because the store fell behind. */
  dropped = 0;

  constructor(options: Partial<LogSinkOptions> = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Called by pino with one JSON line. */
  write(line: string): void {
    const entry = entryOfLine(line, ++this.seq);
    if (!entry) return;
    for (const listener of this.listeners) listener(entry);
    if (!this.writer) return;
    this.buffer.push(entry);
    if (this.buffer.length > this.options.maxBuffered) {
      const over = this.buffer.length - this.options.maxBuffered;
      this.buffer.splice(0, over);
      this.dropped += over;
    }
  }

  /** Starts keeping lines through `writer`, flushed every `flushEveryMs`. */
  attach(writer: LogWriter): void {
    this.writer = writer;
    this.timer = setInterval(() => void this.flush(), this.options.flushEveryMs);
    this.timer.unref();
  }

  /** Adds a live listener; returns the function that removes it. */
  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes what is buffered now (one flush at a time). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.writer || this.buffer.length === 0) return Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.writer(batch)
      .catch((error) => {
        this.dropped += batch.length;
        process.stderr.write(`observability: ${batch.length} log lines could not be kept: ${error}\n`);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
    this.writer = undefined;
    this.listeners.clear();
  }
}
