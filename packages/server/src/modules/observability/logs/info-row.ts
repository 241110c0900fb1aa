/**
 * The `ls_logs` row of a line kept at info as the logger was given it (`InfoLine`), made
 * where the row is written: in the log writer thread on SQLite, so that the request thread
 * only queues the line. It is the row `rowOf(entryOfRecord(...))` gives for the same line
 * (`info-row.test.ts` holds the two together).
 *
 * Self-contained on purpose (no imports, nothing outside the function's body): the writer
 * thread runs its source text, as it runs `writer-main.ts`.
 */

/** A line at info, kept as given: its time, its fields and its message. */
export interface InfoLine {
  time: number;
  fields: Record<string, unknown>;
  msg: string;
}

/** A row of `ls_logs` in the order `insertLogsSql` reads it. */
export type LogRow = [number, string, number, string, string, string | null, string | null];

export function infoLineRow(line: InfoLine): LogRow {
  const omitted = ['level', 'time', 'pid', 'hostname', 'service', 'msg', 'module', 'requestId'];
  const { fields: f, msg } = line;
  const isRequest = msg === 'request' && typeof f.path === 'string';
  let module = 'server';
  if (typeof f.module === 'string' && f.module) module = f.module.slice(0, 100);
  else if (isRequest) module = 'http';
  else {
    const prefix = /^([a-z][a-z-]{1,30}):\s/.exec(msg);
    if (prefix) module = prefix[1];
  }
  const err = f.err as { message?: unknown } | undefined;
  const message = isRequest
    ? `${f.method} ${f.path} ${f.status} ${f.ms}ms`
    : msg || (typeof err?.message === 'string' ? err.message : '');
  let kept: Record<string, unknown> | undefined;
  for (const key in f) {
    if (f[key] === undefined || omitted.includes(key)) continue;
    kept ??= {};
    kept[key] = f[key];
  }
  let fields = kept ? JSON.stringify(kept) : null;
  if (fields && fields.length > 8000) fields = '{"truncated":true}';
  const requestId = typeof f.requestId === 'string' ? f.requestId : null;
  return [line.time, 'info', 1, module, message.slice(0, 10_000), requestId, fields];
}
