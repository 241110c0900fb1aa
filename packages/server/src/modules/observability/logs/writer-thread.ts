/**
 * Keeps log lines on SQLite from a worker thread with its own connection to the logs file
 * (`db/sqlite-logs-file.ts`), so that inserting them (the statement, its indexes, the commit)
 * costs the request thread nothing but posting the batch: the request lines go as the logger
 * was given them, and the thread makes their rows and the statement's JSON. A batch goes as
 * statements of at most 500 rows, one short write transaction each (the server's pruning of
 * old lines waits for them). The thread starts with the first batch and is started again if
 * it stops; it keeps the process alive only while batches are in flight or it is closing.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { infoLineRow } from './info-row';
import type { KeptLine } from './sink';
import { insertLogsSql, rowOf, withoutNul } from './store';
import { logWriterMain, type WriterBoot, type WriterDone, type WriterJob } from './writer-main';

// `__name` is what esbuild's keepNames wraps functions with; the worker has no such helper.
const WRITER_SOURCE = `const __name = (f) => f;
const helpers = { infoLineRow: ${infoLineRow.toString()}, withoutNul: ${withoutNul.toString()} };
(${logWriterMain.toString()})(require, require('node:worker_threads').workerData, helpers);`;

/** Rows a statement (one write transaction of the thread) at most. */
const ROWS_PER_STATEMENT = 500;
/** How long the thread waits for the server's own write transaction (a restore holds it long). */
const BUSY_TIMEOUT_MS = 30_000;

/** Some lines of a batch could not be kept: `lost` of them. */
export class LinesLost extends Error {
  constructor(
    readonly lost: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** An error message, or undefined when the statement was written. */
type Answer = (error: string | undefined) => void;

interface Thread {
  worker: Worker;
  waiting: Map<number, Answer>;
}

/** Writes batches of log entries to `ls_logs` of the SQLite file `file`, off the calling thread. */
export class LogWriterThread {
  private thread?: Thread;
  private nextId = 1;
  private readonly boot: WriterBoot;

  constructor(file: string) {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.boot = { driverPath, file, statement: insertLogsSql('sqlite'), busyTimeoutMs: BUSY_TIMEOUT_MS };
  }

  /**
   * Writes `lines`; resolves when the thread has written them, rejects with `LinesLost` for
   * those it could not. Info lines go as they are: the thread makes their rows.
   */
  async write(lines: KeptLine[]): Promise<void> {
    const parts: Promise<number>[] = [];
    let reason = '';
    for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) {
      const part = lines.slice(i, i + ROWS_PER_STATEMENT);
      parts.push(
        this.send(part.map((line) => ('msg' in line ? line : rowOf(line)))).then((error) => {
          if (error === undefined) return 0;
          reason ||= error;
          return part.length;
        }),
      );
    }
    const lost = (await Promise.all(parts)).reduce((a, b) => a + b, 0);
    if (lost > 0) throw new LinesLost(lost, reason);
  }

  private send(items: WriterJob['items']): Promise<string | undefined> {
    this.thread ??= this.spawn();
    const { worker, waiting } = this.thread;
    const job: WriterJob = { id: this.nextId++, items };
    // Held while batches are in flight, so that the process does not end before they are written.
    if (waiting.size === 0) worker.ref();
    return new Promise((answer) => {
      waiting.set(job.id, answer);
      worker.postMessage(job);
    });
  }

  private spawn(): Thread {
    const worker = new Worker(WRITER_SOURCE, { eval: true, workerData: this.boot });
    worker.unref();
    const thread: Thread = { worker, waiting: new Map() };
    worker.on('message', (done: WriterDone) => {
      thread.waiting.get(done.id)?.(done.error);
      thread.waiting.delete(done.id);
      if (thread.waiting.size === 0) worker.unref();
    });
    const stopped = (reason: string) => {
      if (this.thread === thread) this.thread = undefined;
      for (const answer of thread.waiting.values()) answer(reason);
      thread.waiting.clear();
    };
    worker.on('error', (error) => stopped(`the log writer thread failed: ${error?.message ?? error}`));
    worker.on('exit', (code) => stopped(`the log writer thread stopped (exit code ${code})`));
    return thread;
  }

  /** Ends the thread after the batches sent to it are written. */
  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    const exited = once(thread.worker, 'exit');
    thread.worker.ref();
    thread.worker.postMessage(null);
    await exited.catch(() => undefined);
  }
}
