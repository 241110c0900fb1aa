/** Request lines for the log tests: as pino would have written them, and handed to a sink as the request log does. */
import type { LogSink } from './sink';

/** The record of request `i` (`path` by default `/rest/v1/notes/<i>`). */
export function requestRecord(i: number, path = `/rest/v1/notes/${i}`) {
  return {
    level: 30,
    time: 1_700_000_000_000 + i,
    requestId: `r-${i}`,
    method: 'GET',
    path,
    status: 200,
    ms: 3,
    msg: 'request',
  };
}

/** Hands request `i` to `sink` as the request log does (`keepInfo`). */
export function keepRequest(sink: LogSink, i: number, path?: string): void {
  const { level: _level, time, msg, ...fields } = requestRecord(i, path);
  sink.keepInfo(time, fields, msg);
}
