import { describe, expect, it } from 'vitest';
import { entryOfLine, entryOfRecord, type LogEntry } from './entry';
import { entryOfKept, LogSink } from './sink';
import { keepRequest as keep, requestRecord as request } from './test-lines';

function collecting(options: ConstructorParameters<typeof LogSink>[0] = {}) {
  const sink = new LogSink({ flushEveryMs: 60_000, ...options });
  const batches: LogEntry[][] = [];
  sink.attach(async (lines) => {
    batches.push(lines.map((line) => entryOfKept(line)));
  });
  return { sink, batches };
}

describe('entryOfRecord', () => {
  it('gives what entryOfLine gives for the same line as JSON', () => {
    const records = [
      request(1),
      {
        level: 50,
        time: 5,
        msg: 'webhooks: the delivery worker failed',
        err: { message: 'x' },
        undefinedField: undefined,
      },
      { level: 40, time: 6, module: 'auth', msg: 'sign-in failed', email: 'a@b.c' },
      { level: 30, time: 7, msg: 'big', blob: 'é"\\'.repeat(3000) },
    ];
    for (const record of records) {
      const text = JSON.stringify(record);
      expect(entryOfRecord(record, 9)).toEqual(entryOfLine(text, 9));
    }
    expect(entryOfRecord(records[3], 1).fields).toEqual({ truncated: true });
    expect(entryOfRecord(request(2), 1)).toMatchObject({ module: 'http', message: 'GET /rest/v1/notes/2 200 3ms' });
  });
});

describe('LogSink', () => {
  it('writes one batch after the task in which batchSize lines arrived, without the timer, in order', async () => {
    const { sink, batches } = collecting({ batchSize: 10 });
    for (let i = 0; i < 9; i++) keep(sink, i);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([]);
    for (let i = 9; i < 25; i++) keep(sink, i);
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    expect(batches[0].map((e) => e.requestId)).toEqual(Array.from({ length: 25 }, (_, i) => `r-${i}`));
    keep(sink, 25);
    await sink.close();
    expect(batches.flat()).toHaveLength(26);
    expect(sink.dropped).toBe(0);
  });

  it('stores requestLinesPerSecond request lines a second and one line saying how many it left out; live listeners get all', async () => {
    const { sink, batches } = collecting({ requestLinesPerSecond: 3 });
    const live: LogEntry[] = [];
    sink.listen((entry) => live.push(entry));
    for (let i = 0; i < 10; i++) keep(sink, i);
    await sink.close();
    const stored = batches.flat();
    expect(stored.slice(0, 3).map((e) => e.requestId)).toEqual(['r-0', 'r-1', 'r-2']);
    expect(stored[3]).toMatchObject({ module: 'observability', fields: { not_kept: 7, per_second: 3 } });
    expect(stored).toHaveLength(4);
    expect(live).toHaveLength(10);
    expect(sink.requestLinesNotKept).toBe(7);
  });

  it('loses nothing on close, lines written during the last flush included', async () => {
    const sink = new LogSink({ flushEveryMs: 60_000, batchSize: 1000 });
    const kept: LogEntry[] = [];
    let first = true;
    sink.attach(async (entries) => {
      if (first) {
        first = false;
        sink.write(JSON.stringify(request(99)));
      }
      await new Promise((r) => setTimeout(r, 5));
      kept.push(...entries.map((line) => entryOfKept(line)));
    });
    for (let i = 0; i < 3; i++) keep(sink, i);
    await sink.close();
    expect(kept.map((e) => e.requestId)).toEqual(['r-0', 'r-1', 'r-2', 'r-99']);
  });

  it('drops the oldest lines in bulk while the store is behind, and counts them', async () => {
    const sink = new LogSink({ flushEveryMs: 60_000, batchSize: 1_000_000, maxBuffered: 100 });
    const kept: LogEntry[] = [];
    sink.attach(async (entries) => {
      kept.push(...entries.map((line) => entryOfKept(line)));
    });
    for (let i = 0; i < 101; i++) keep(sink, i);
    expect(sink.dropped).toBe(10);
    await sink.close();
    expect(kept).toHaveLength(91);
    expect(kept[0].requestId).toBe('r-10');
  });

  it('a flush during another one waits for it, then writes the rest', async () => {
    const { sink, batches } = collecting({ batchSize: 1_000_000 });
    keep(sink, 1);
    const a = sink.flush();
    keep(sink, 2);
    await sink.flush();
    await a;
    expect(batches.map((b) => b.map((e) => e.requestId))).toEqual([['r-1'], ['r-2']]);
    await sink.close();
  });

  it('queues an info line as given, and makes its entry at once only for a live listener', async () => {
    const { sink, batches } = collecting({ batchSize: 1_000_000 });
    keep(sink, 1);
    const heard: LogEntry[] = [];
    const stop = sink.listen((entry) => heard.push(entry));
    keep(sink, 2);
    stop();
    await sink.close();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ module: 'http', message: 'GET /rest/v1/notes/2 200 3ms', requestId: 'r-2' });
    expect(heard[0].seq).toBeGreaterThan(0);
    expect(batches.flat().map((e) => e.message)).toEqual([
      'GET /rest/v1/notes/1 200 3ms',
      'GET /rest/v1/notes/2 200 3ms',
    ]);
  });
});
