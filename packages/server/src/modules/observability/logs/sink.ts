/**
 * The pino destination that keeps every log line: parsed once, handed to live listeners
 * (the SSE streams) at once, and queued for the log store, which takes the queue in one
 * batch (one transaction) when `batchSize` lines are waiting, and on a timer for the rest.
 * Writing never waits for the database: the batch is written after the current task, and
 * when the store falls behind (or is down), the oldest queued lines are dropped, a tenth
 * of the queue at a time, and counted, not the request. Request lines past a per-second
 * budget are not stored at all (`request-line-budget.ts`). Closing writes everything queued.
 */

import { defaultObservabilityOptions } from '../options';
import { entryOfLine, entryOfRecord, type LogEntry } from './entry';
import type { InfoLine } from './info-row';
import { RequestLineBudget } from './request-line-budget';

/**
 * A line as queued: an entry, or a line at info as the logger was given it (the request
 * lines), whose entry or row is made where it is written, so the request path only queues it.
 */
export type KeptLine = LogEntry | InfoLine;

/** Writes a batch of lines to durable storage; a rejection with `lost` says how many of them it could not keep (else all). */
export type LogWriter = (lines: KeptLine[]) => Promise<void>;

/** The entry of a queued line (`seq` for an info line, which has none yet). */
export function entryOfKept(line: KeptLine, seq = 0): LogEntry {
  return 'msg' in line ? entryOfRecord({ level: 30, time: line.time, ...line.fields, msg: line.msg }, seq) : line;
}

/** Receives each entry as it is written. */
export type LogListener = (entry: LogEntry) => void;

/** Options of the sink. */
export interface LogSinkOptions {
  /** @default 1000 */
  flushEveryMs: number;
  /** Lines queued before a batch is written without waiting for the timer. @default 500 */
  batchSize: number;
  /** Lines held while the store is behind; older ones are dropped past this. @default 20000 */
  maxBuffered: number;
  /** Request lines stored a second, besides those of 5xx answers (`request-line-budget.ts`). @default 200 */
  requestLinesPerSecond: number;
}

const defaults: LogSinkOptions = {
  flushEveryMs: 1000,
  batchSize: 500,
  maxBuffered: 20_000,
  requestLinesPerSecond: defaultObservabilityOptions.requestLinesPerSecond,
};

/** A pino stream (it has `write(line)`) that keeps lines. */
export class LogSink {
  private seq = 0;
  private buffer: KeptLine[] = [];
  private writer?: LogWriter;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private pending = false;
  private readonly listeners = new Set<LogListener>();
  private readonly options: LogSinkOptions;
  private readonly requestLines: RequestLineBudget;
  /** Lines dropped because the store fell behind. */
  dropped = 0;

  constructor(options: Partial<LogSinkOptions> = {}) {
    this.options = { ...defaults, ...options };
    this.requestLines = new RequestLineBudget(this.options.requestLinesPerSecond, (second, skipped, perSecond) =>
      this.queue({
        time: second + 999,
        fields: { module: 'observability', not_kept: skipped, per_second: perSecond },
        msg: `observability: ${skipped} request lines of this second not kept in the log store (over ${perSecond} a second; stdout has them)`,
      }),
    );
  }

  /** Request lines left out of the store by the per-second budget. */
  get requestLinesNotKept(): number {
    return this.requestLines.notKept;
  }

  /** Called by pino with one JSON line. */
  write(line: string): void {
    const entry = entryOfLine(line, ++this.seq);
    if (!entry) return;
    this.tell(entry);
    this.queue(entry);
  }

  /**
   * Takes a line at info as the logger was given it (the request lines): queued as it is,
   * its entry made here only while a live listener waits for it. A request line is stored
   * within the per-second budget; live listeners get every one.
   */
  keepInfo(time: number, fields: Record<string, unknown>, msg: string): void {
    const line: InfoLine = { time, fields, msg };
    const stored = msg !== 'request' || this.requestLines.admit(time, fields.status);
    if (this.listeners.size === 0) {
      if (stored) this.queue(line);
      return;
    }
    const entry = entryOfKept(line, ++this.seq);
    this.tell(entry);
    if (stored) this.queue(entry);
  }

  private tell(entry: LogEntry): void {
    for (const listener of this.listeners) listener(entry);
  }

  private queue(line: KeptLine): void {
    if (!this.writer) return;
    this.buffer.push(line);
    if (this.buffer.length > this.options.maxBuffered) {
      // In bulk, so that a store that is down costs O(1) a line, not a copy of the queue.
      const over = Math.max(this.buffer.length - this.options.maxBuffered, Math.ceil(this.options.maxBuffered / 10));
      this.buffer.splice(0, over);
      this.dropped += over;
    }
    if (this.buffer.length >= this.options.batchSize) this.flushSoon();
  }

  /** Writes a batch after the current task (once, however many lines arrive meanwhile). */
  private flushSoon(): void {
    if (this.pending || this.flushing) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      void this.flush();
    });
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

  /** Writes what is buffered now (one flush at a time: during one, waits for it, then writes the rest). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    this.requestLines.settle();
    if (!this.writer || this.buffer.length === 0) return Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.writer(batch)
      .catch((error) => {
        const lost = Number((error as { lost?: number }).lost ?? batch.length);
        this.dropped += lost;
        process.stderr.write(`observability: ${lost} log lines could not be kept: ${error}\n`);
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.buffer.length >= this.options.batchSize) this.flushSoon();
      });
    return this.flushing;
  }

  /** Stops the timer and writes what is left, lines written meanwhile included. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    while (this.writer && (this.flushing || this.buffer.length > 0)) await this.flush();
    this.writer = undefined;
    this.listeners.clear();
  }
}
