/**
 * Log exports, streamed: the window's entries are read in chunks and written as they come,
 * as a JSON array or as CSV (`timestamp,level,module,message,request_id`), so an export of a
 * million lines never sits in memory.
 */
import { entryView, type LogEntry } from './entry';
import type { LogFilter, LogsStore } from './store';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line of an entry. */
export function csvLine(e: LogEntry): string {
  const cells = [new Date(e.ts).toISOString(), e.level, e.module, e.message, e.requestId ?? ''];
  return `${cells.map(csvCell).join(',')}\n`;
}

async function* chunks(store: LogsStore, filter: LogFilter, format: 'json' | 'csv'): AsyncGenerator<string> {
  let first = true;
  yield format === 'json' ? '[' : 'timestamp,level,module,message,request_id\n';
  for await (const batch of store.scan(filter)) {
    if (format === 'csv') {
      yield batch.map(csvLine).join('');
      continue;
    }
    const text = batch.map((e) => JSON.stringify(entryView(e))).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  if (format === 'json') yield ']';
}

/** The export as a byte stream. */
export function exportStream(store: LogsStore, filter: LogFilter, format: 'json' | 'csv'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = chunks(store, filter, format);
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await source.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
