import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database';
import { LogSink } from './sink';
import { LogsStore } from './store';
import { keepRequest } from './test-lines';
import { LinesLost, LogWriterThread } from './writer-thread';

/** Request `i`, its path holding a NUL (kept as U+FFFD). */
const keep = (sink: LogSink, i: number) => keepRequest(sink, i, `/x\u0000/${i}`);

describe('LogWriterThread', () => {
  it('keeps every line a sink is given before close, in statements of at most 500 rows, NUL as U+FFFD', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'log-writer-'));
    const database = await openDatabase({ dataDir });
    const thread = new LogWriterThread(database.logsFile!);
    const sink = new LogSink({ flushEveryMs: 60_000, batchSize: 700, requestLinesPerSecond: Number.POSITIVE_INFINITY });
    sink.attach((entries) => thread.write(entries));
    try {
      for (let i = 0; i < 1201; i++) keep(sink, i);
      await sink.close();
      await thread.close();
      const { entries, total } = await new LogsStore(database.db, 'sqlite').page({}, 1, 0);
      expect(total).toBe(1201);
      expect(sink.dropped).toBe(0);
      expect(entries[0].message).toBe('GET /x\ufffd/1200 200 3ms');
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects with the count of lines it could not keep, which the sink counts as dropped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'log-writer-'));
    const file = join(dataDir, 'empty.db');
    new SQLite(file).close();
    const thread = new LogWriterThread(file);
    const sink = new LogSink({ flushEveryMs: 60_000 });
    sink.attach((entries) => thread.write(entries));
    try {
      const entries = [0, 1, 2].map((i) => ({ seq: i, ts: i, level: 'info' as const, module: 'm', message: 'x' }));
      await expect(thread.write(entries)).rejects.toEqual(expect.any(LinesLost));
      await expect(thread.write(entries)).rejects.toMatchObject({ lost: 3 });
      for (const i of [1, 2]) keep(sink, i);
      await sink.flush();
      expect(sink.dropped).toBe(2);
    } finally {
      await thread.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
