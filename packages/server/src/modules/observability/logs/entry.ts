/**
 * A kept log entry, and how a pino JSON line becomes one: its level mapped to the four the
 * spec knows, its module read from the line (or from the request path, or from a
 * `"<module>: ..."` message prefix), its other fields kept as structured context.
 */

/** The four levels the spec knows, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A log entry as kept and served. */
export interface LogEntry {
  /** Sequence number within this instance (the SSE event id). */
  seq: number;
  ts: number;
  level: LogLevel;
  module: string;
  message: string;
  requestId?: string;
  fields?: Record<string, unknown>;
}

const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'module', 'requestId']);
const MAX_FIELDS_CHARS = 8000;

/** The rank of a level (debug 0 … error 3), to filter "this level and above". */
export function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

function levelOf(pinoLevel: number): LogLevel {
  if (pinoLevel >= 50) return 'error';
  if (pinoLevel >= 40) return 'warn';
  if (pinoLevel >= 30) return 'info';
  return 'debug';
}

function moduleOf(line: Record<string, unknown>): string {
  if (typeof line.module === 'string' && line.module) return line.module.slice(0, 100);
  if (line.msg === 'request' && typeof line.path === 'string') return 'http';
  const prefix = typeof line.msg === 'string' ? /^([a-z][a-z-]{1,30}):\s/.exec(line.msg) : null;
  return prefix ? prefix[1] : 'server';
}

function messageOf(line: Record<string, unknown>): string {
  const msg = typeof line.msg === 'string' ? line.msg : '';
  if (line.msg === 'request' && typeof line.path === 'string')
    return `${line.method} ${line.path} ${line.status} ${line.ms}ms`;
  if (msg) return msg;
  const err = line.err as { message?: unknown } | undefined;
  return typeof err?.message === 'string' ? err.message : '';
}

/** At least the characters `key` and `value` add to a line of flat values as JSON (infinite for a nested value). */
function charsAtMost(key: string, value: unknown): number {
  if (typeof value === 'string') return key.length + 6 * value.length + 6;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return key.length + 30;
  return Number.POSITIVE_INFINITY;
}

/**
 * The line's own fields, in one pass (this runs for every request): without `lineChars`,
 * the bound of the line's length is summed on the way.
 */
function fieldsOf(line: Record<string, unknown>, lineChars?: number): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  let chars = 2;
  for (const key in line) {
    const value = line[key];
    if (lineChars === undefined) chars += charsAtMost(key, value);
    if (value === undefined || OMITTED.has(key)) continue;
    out ??= {};
    out[key] = value;
  }
  if (!out) return undefined;
  // The fields are part of the line: a short line needs no second serialisation to tell.
  if ((lineChars ?? chars) <= MAX_FIELDS_CHARS) return out;
  return JSON.stringify(out).length > MAX_FIELDS_CHARS ? { truncated: true } : out;
}

/** The entry of one pino line; undefined for a line that is not a JSON object. */
export function entryOfLine(text: string, seq: number): LogEntry | undefined {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!line || typeof line !== 'object') return undefined;
  return entryOfRecord(line, seq, text.length);
}

/**
 * The entry of a line given as the object pino would serialise (`level`, `time`, `msg` and
 * the fields), with the same result as `entryOfLine` of its JSON. `lineChars`: the JSON's
 * length, or a bound above it (computed when absent).
 */
export function entryOfRecord(line: Record<string, unknown>, seq: number, lineChars?: number): LogEntry {
  const requestId = typeof line.requestId === 'string' ? line.requestId : undefined;
  return {
    seq,
    ts: typeof line.time === 'number' ? line.time : Date.now(),
    level: levelOf(Number(line.level)),
    module: moduleOf(line),
    message: messageOf(line),
    requestId,
    fields: fieldsOf(line, lineChars),
  };
}

/** The entry as the spec's `ObservabilityLogEntry`. */
export function entryView(e: LogEntry) {
  return {
    timestamp: new Date(e.ts).toISOString(),
    level: e.level,
    module: e.module,
    message: e.message,
    ...(e.requestId ? { request_id: e.requestId } : {}),
    ...(e.fields ? { fields: e.fields } : {}),
  };
}
