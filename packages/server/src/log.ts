import pino from 'pino';
import { LineBatch } from './line-batch';

/** The server's structured logger: one JSON line per event. */
export type Logger = pino.Logger;

/** Something pino can write lines to (the observability module's log sink). */
export interface LogStream {
  write(line: string): void;
  /** Takes a line at info as given (its time, fields and message), skipping the JSON round trip. */
  keepInfo?(time: number, fields: Record<string, unknown>, msg: string): void;
}

/** What the request edge logs of every request, as the `request` line at info. */
export type RequestLine = {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
};

/** Writes the request line of every request. */
export interface RequestLog {
  request(line: RequestLine): void;
}

let stdout: LineBatch | undefined;

/** How much stdout holds before it writes (UTF-16 units, about bytes for log lines). */
const STDOUT_BATCH_CHARS = 64 * 1024;

/**
 * The one stdout of the process, asynchronous and batched: lines are held until 64 KiB are
 * waiting or 100 ms have passed, and go out in one write (`line-batch.ts`), so a busy server
 * makes one system call per few hundred lines (a write per line was 5% of a `/health` request),
 * and an idle one shows a line within 100 ms. Each write is a job on libuv's thread pool: with
 * 4 KiB batches that hop cost ~2.0–2.9 µs of CPU a line, with 64 KiB ~1.5 (20,000 lines a
 * round, settled rounds). What is held is written synchronously at exit.
 */
function stdoutDestination(): LineBatch {
  if (!stdout) {
    const batch = new LineBatch(pino.destination({ dest: 1, sync: false }), STDOUT_BATCH_CHARS);
    process.once('exit', () => batch.flushSync());
    stdout = batch;
  }
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
 * The request line as pino writes it at info with the server's base (the same keys in the
 * same order, strings escaped by `JSON.stringify`), built directly: the busiest line of all
 * skips pino's generic serialiser.
 */
export function requestLineJson(time: number, line: RequestLine): string {
  return `{"level":30,"time":${timeText(time)},"service":"lockstep","requestId":${quoted(line.requestId)},"method":${quoted(line.method)},"path":${quoted(line.path)},"status":${line.status},"ms":${line.ms},"msg":"request"}\n`;
}

/**
 * `text` as `JSON.stringify` writes it. Request ids, methods and paths rarely hold a character
 * JSON escapes: those are quoted as they are, which skips a `JSON.stringify` call (its set-up
 * is most of its cost for a short string); any other goes through it.
 */
function quoted(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Control characters, `"`, `\` and surrogates (a lone one is escaped) take JSON.stringify's way.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

let lastTime = Number.NaN;
let lastTimeText = '';

/** A millisecond time as text, converted once per millisecond (a time is past 2³¹: V8 converts it as a double). */
function timeText(time: number): string {
  if (time !== lastTime) {
    lastTime = time;
    lastTimeText = String(time);
  }
  return lastTimeText;
}

/** Whether a logger at `level` writes lines at info. */
function writesInfo(level: string): boolean {
  return level !== 'silent' && (pino.levels.values[level] ?? Number.POSITIVE_INFINITY) <= pino.levels.values.info;
}

/**
 * The log of request lines, the busiest: to stdout when `level` writes info (the line built
 * by `requestLineJson`), and to the keep stream as given (`keepInfo`), so the kept copy costs
 * no serialising and parsing on the request path. A keep stream without `keepInfo` gets the
 * line through `log`, as every other line.
 */
export function createRequestLog(log: Logger, level: string, keep?: { stream: LogStream; level: string }): RequestLog {
  const kept = keep && writesInfo(keep.level) ? keep.stream : undefined;
  if (kept && !kept.keepInfo) return { request: (line) => log.info(line, 'request') };
  const stdout = writesInfo(level) ? stdoutDestination() : undefined;
  return {
    request(line) {
      const time = Date.now();
      stdout?.write(requestLineJson(time, line));
      kept?.keepInfo?.(time, line, 'request');
    },
  };
}
