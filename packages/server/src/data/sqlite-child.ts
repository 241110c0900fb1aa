/**
 * Raw SQL on SQLite with a real statement timeout. better-sqlite3 runs a statement to its
 * end on the calling thread and exposes no `sqlite3_interrupt`; a worker thread cannot be
 * stopped mid-statement either (terminate waits for the native call). So statements run in
 * a child process with its own connection to the same file, and the child is killed at the
 * deadline: SQLite rolls its open transaction back, and the next statement starts a new child.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { sqliteCaptureTriggers } from './change-capture';

/** What the child answers for one statement. */
export interface ChildResult {
  columns: string[];
  rows: unknown[][];
  changes: number;
}

/** An error the child reports, with SQLite's code when it has one. */
export class ChildSqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The statement ran past its deadline and the child was killed. */
export class ChildTimeoutError extends Error {}

// Runs in the child: plain CommonJS, no TypeScript.
const CHILD = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
const toParam = (v) => typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
const toValue = (v) => Buffer.isBuffer(v) ? v.toString('base64') : v;
const __name = (f) => f;
const captureTriggers = ${sqliteCaptureTriggers.toString()};
const reserved = (n) => n.startsWith('ls_') || n.startsWith('_') || n.startsWith('sqlite_');
const captureNames = () => db.prepare("select name from sqlite_master where type = 'trigger' and substr(name, 1, 11) = 'ls_capture_'").pluck().all();
const syncCapture = () => {
  const existing = new Set(captureNames());
  for (const t of db.prepare("select name from sqlite_master where type = 'table'").pluck().all()) {
    if (reserved(t)) continue;
    const columns = db.prepare('select name from pragma_table_info(?) order by cid').pluck().all(t);
    for (const trigger of captureTriggers(t, columns)) if (!existing.has(trigger.name)) db.exec(trigger.sql);
  }
};
// DDL runs with the capture triggers dropped (SQLite will not drop a column a trigger names)
// and rebuilt for the new columns, in one transaction, so no write goes uncaptured.
const DDL = /^(\\s|--[^\\n]*\\n|\\/\\*[\\s\\S]*?\\*\\/)*(create|alter|drop)\\b/i;
const runDdl = (stmt, params) => {
  db.exec('BEGIN IMMEDIATE');
  for (const name of captureNames()) db.exec('DROP TRIGGER "' + name.replace(/"/g, '""') + '"');
  const changes = stmt.run(...params).changes;
  syncCapture();
  db.exec('COMMIT');
  return changes;
};
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  try {
    const stmt = db.prepare(m.sql);
    const params = m.params.map(toParam);
    let out;
    if (!stmt.reader && DDL.test(m.sql)) {
      out = { columns: [], rows: [], changes: runDdl(stmt, params) };
    } else if (stmt.reader) {
      stmt.raw(true);
      const rows = stmt.all(...params).map((r) => r.map(toValue));
      out = { columns: stmt.columns().map((c) => c.name), rows, changes: 0 };
    } else {
      out = { columns: [], rows: [], changes: stmt.run(...params).changes };
    }
    if (db.inTransaction) db.exec('ROLLBACK');
    process.send({ id: m.id, ok: true, result: out });
  } catch (e) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); } catch {}
    process.send({ id: m.id, ok: false, code: typeof e.code === 'string' ? e.code : 'SQLITE_ERROR', message: String(e.message) });
  }
});
`;

/** An idle child exits after this long; the next statement starts another. */
const IDLE_MS = 10_000;

interface Pending {
  resolve: (result: ChildResult) => void;
  reject: (error: Error) => void;
}

/** One child process serving one SQLite file, statements one at a time. */
export class SqliteChild {
  private child?: ChildProcess;
  private queue: Promise<unknown> = Promise.resolve();
  /** Statements waiting for an answer, per child (a killed child's exit must not fail its successor's). */
  private readonly pendingOf = new WeakMap<ChildProcess, Map<number, Pending>>();
  private nextId = 0;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly file: string) {}

  private start(): ChildProcess {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, ['-e', CHILD, driver, this.file], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const pending = new Map<number, Pending>();
    this.pendingOf.set(child, pending);
    child.on('message', (m: any) => {
      const waiting = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) waiting?.resolve(m.result);
      else waiting?.reject(new ChildSqlError(m.message, m.code));
    });
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('the SQL child process exited'));
      pending.clear();
    });
    return child;
  }

  private idle(child: ChildProcess, idle: boolean): void {
    // An idle child must not keep the server's process alive.
    clearTimeout(this.idleTimer);
    if (idle) {
      child.unref();
      (child.channel as any)?.unref?.();
      this.idleTimer = setTimeout(() => this.kill(), IDLE_MS).unref();
    } else {
      child.ref();
      (child.channel as any)?.ref?.();
    }
  }

  private async once(sql: string, params: unknown[], timeoutMs: number): Promise<ChildResult> {
    this.child ??= this.start();
    const child = this.child;
    const id = ++this.nextId;
    this.idle(child, false);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<ChildResult>((resolve, reject) => {
        const pending = this.pendingOf.get(child)!;
        pending.set(id, { resolve, reject });
        timer = setTimeout(() => {
          pending.delete(id);
          this.kill();
          reject(new ChildTimeoutError(`The statement ran longer than ${timeoutMs} ms and was cancelled.`));
        }, timeoutMs);
        child.send({ id, sql, params });
      });
    } finally {
      clearTimeout(timer);
      if (this.child === child) this.idle(child, true);
    }
  }

  /** Runs one statement; throws `ChildTimeoutError` past `timeoutMs`, `ChildSqlError` when SQLite refuses it. */
  run(sql: string, params: unknown[], timeoutMs: number): Promise<ChildResult> {
    const result = this.queue.then(() => this.once(sql, params, timeoutMs));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the child. */
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}
