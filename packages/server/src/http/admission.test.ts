import { describe, expect, it } from 'vitest';
import { Admission } from './admission';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Admission', () => {
  it('runs at most `limit` operations at once and queues the rest in order', async () => {
    const admission = new Admission(2);
    const started: number[] = [];
    const gates = [0, 1, 2, 3].map(() => deferred());
    const runs = gates.map((gate, i) =>
      admission.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(admission.load).toEqual({ running: 2, waiting: 2 });
    gates[0].resolve(undefined);
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve(undefined);
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the place of an operation that throws', async () => {
    const admission = new Admission(1);
    await expect(admission.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await admission.run(async () => 'next')).toBe('next');
  });
});

function deferred() {
  let resolve!: (value: unknown) => void;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
