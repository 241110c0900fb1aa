import { describe, expect, it } from 'vitest';
import { LineBatch } from './line-batch';

function sink() {
  const writes: string[] = [];
  let syncFlushes = 0;
  return {
    writes,
    syncFlushes: () => syncFlushes,
    write: (text: string) => writes.push(text),
    flushSync: () => {
      syncFlushes++;
    },
  };
}

describe('LineBatch', () => {
  it('writes the lines held in one write once they reach the batch size', () => {
    const out = sink();
    const batch = new LineBatch(out, 12, 60_000);
    batch.write('one\n');
    batch.write('two\n');
    expect(out.writes).toEqual([]);
    batch.write('three\n');
    expect(out.writes).toEqual(['one\ntwo\nthree\n']);
    batch.flush();
    expect(out.writes).toHaveLength(1);
  });

  it('writes fewer lines once they have waited', async () => {
    const out = sink();
    const batch = new LineBatch(out, 4096, 20);
    batch.write('alone\n');
    expect(out.writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(out.writes).toEqual(['alone\n']);
  });

  it('writes what it holds, and has the sink write what it holds, before returning', () => {
    const out = sink();
    const batch = new LineBatch(out, 4096, 60_000);
    batch.write('last words\n');
    batch.flushSync();
    expect(out.writes).toEqual(['last words\n']);
    expect(out.syncFlushes()).toBe(1);
  });
});
