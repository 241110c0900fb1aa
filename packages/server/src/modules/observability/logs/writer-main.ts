import type { InfoLine, LogRow } from './info-row';

/**
 * The body of the log writer thread: its own better-sqlite3 connection to the server's
 * SQLite file (opened at the first batch), which inserts each batch it is sent (one statement, so one short write
 * transaction) and answers with the batch's id, or the error that lost it.
 *
 * Self-contained on purpose (no imports but types; the helpers it needs are handed to it): `writer-thread.ts` runs this
 * function's source text in an `eval` worker, so that it works alike from TypeScript source
 * (tsx, vitest) and from the built package, as `functions/sandbox/worker-main.ts` does.
 */

/** What the thread is given. */
export interface WriterBoot {
  /** Where `better-sqlite3` is, resolved by the server. */
  driverPath: string;
  file: string;
  /** The insert statement, taking one JSON parameter (`insertLogsSql('sqlite')`). */
  statement: string;
  busyTimeoutMs: number;
}

/**
 * A batch to insert: rows made by the server, or info lines (the request lines) whose rows the
 * thread makes (`null` closes the connection and ends the thread).
 */
export interface WriterJob {
  id: number;
  items: Array<LogRow | InfoLine>;
}

/** What the thread is given besides its boot data: the functions that make its statement's parameter. */
export interface WriterHelpers {
  infoLineRow: (line: InfoLine) => LogRow;
  withoutNul: (json: string) => string;
}

/** The answer for one batch. */
export interface WriterDone {
  id: number;
  error?: string;
}

export function logWriterMain(req: (id: string) => any, boot: WriterBoot, helpers: WriterHelpers): void {
  const { parentPort } = req('node:worker_threads');
  const Database = req(boot.driverPath);
  let db: any;
  let insert: any;
  // Opened at the first batch, and again at the next one after opening failed.
  const statement = () => {
    if (insert) return insert;
    db = new Database(boot.file, { fileMustExist: true });
    db.pragma(`busy_timeout = ${boot.busyTimeoutMs}`);
    insert = db.prepare(boot.statement);
    return insert;
  };
  parentPort.on('message', (job: WriterJob | null) => {
    if (job === null) {
      db?.close();
      parentPort.close();
      return;
    }
    let done: WriterDone = { id: job.id };
    try {
      const rows = job.items.map((item) => (Array.isArray(item) ? item : helpers.infoLineRow(item)));
      statement().run(helpers.withoutNul(JSON.stringify(rows)));
    } catch (error) {
      if (!insert) db?.close();
      done = { id: job.id, error: String((error as Error)?.message ?? error) };
    }
    parentPort.postMessage(done);
  });
}
