import pino from 'pino';

/** The server's structured logger: one JSON line per event. */
export type Logger = pino.Logger;

/** Something pino can write lines to (the observability module's log sink). */
export interface LogStream {
  write(line: string): void;
  /** Takes a line at info as given (its time, fields and message), skipping the JSON round trip. */
  keepInfo?(time: number, fields: Record<string, unknown>, msg: string): void;
}

/** Writes one line at info: the shape of `Logger.info(obj, msg)` that the request edge needs. */
export interface InfoLog {
  info(fields: Record<string, unknown>, msg: string): void;
}

let stdout: pino.DestinationStream | undefined;

/** Bytes of lines held before a write, and how long a line waits at most when fewer arrive. */
const STDOUT_BATCH = { minLength: 4096, periodicFlush: 100 };

/**
 * The one stdout destination of the process, asynchronous and batched: lines are held until
 * 4 KiB are waiting or 100 ms have passed, and go out in one write, so a busy server makes
 * one system call per few dozen lines (a write per line was 5% of a `/health` request), and
 * an idle one shows a line within 100 ms. pino flushes it synchronously when the process exits.
 */
function stdoutDestination(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false, ...STDOUT_BATCH });
  return stdout;
}

/**
 * A logger at `level` ('silent' writes nothing to stdout). With `keep`, lines at `keepLevel`
 * and above also go to that stream, whatever `level` is.
 */
export function createLogger(level: string, keep?: { stream: LogStream; level: string }): Logger {
  const base = { service: 'lockstep' };
  if (!keep) return level === 'silent' ? pino({ level, base }) : pino({ level, base }, stdoutDestination());
  const streams: pino.StreamEntry[] = [{ level: keep.level as pino.Level, stream: keep.stream }];
  if (level !== 'silent') streams.push({ level: level as pino.Level, stream: stdoutDestination() });
  const lowest = level === 'silent' ? keep.level : minLevel(level, keep.level);
  return pino({ level: lowest, base }, pino.multistream(streams));
}

function minLevel(a: string, b: string): string {
  const values = pino.levels.values;
  return (values[a] ?? 30) <= (values[b] ?? 30) ? a : b;
}

/**
 * The log of request lines, the busiest: to stdout through a pino of its own at `level`, and
 * to the keep stream as given (`keepInfo`), so the kept copy costs no serialising and parsing
 * on the request path. Without a keep stream that takes them, or when it keeps only above
 * info, it is `log` itself.
 */
export function createRequestLog(log: Logger, level: string, keep?: { stream: LogStream; level: string }): InfoLog {
  const stream = keep?.stream;
  if (!stream?.keepInfo || (pino.levels.values[keep!.level] ?? 30) > 30) return log;
  const toStdout =
    level === 'silent' ? pino({ level }) : pino({ level, base: { service: 'lockstep' } }, stdoutDestination());
  return {
    info(fields, msg) {
      toStdout.info(fields, msg);
      stream.keepInfo!(Date.now(), fields, msg);
    },
  };
}
