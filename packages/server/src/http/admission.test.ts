import { describe, expect, it } from 'vitest';
import type { Awaitable } from '../awaitable';
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

  it('starts operations for at most the turn budget per event-loop turn, the rest in later turns', async () => {
    const admission = new Admission(100, 5);
    // Synchronous work of 2 ms each, as SQLite's, arriving as ten callbacks of one turn (ten sockets read in
    // one poll phase): without the budget, the turn would run all ten, 20 ms.
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    let turnOver = false;
    let inFirstTurn = 0;
    const runs: Awaitable<void>[] = [];
    const arrivals = Array.from({ length: 10 }, () => deferred());
    for (const arrival of arrivals) {
      setImmediate(() => {
        const run = admission.run(async () => {
          if (!turnOver) inFirstTurn++;
          busy(2);
        });
        runs.push(run);
        arrival.resolve(undefined);
      });
    }
    setImmediate(() => {
      turnOver = true;
    });
    await Promise.all(arrivals.map((a) => a.promise));
    await Promise.all(runs);
    expect(inFirstTurn).toBeGreaterThanOrEqual(1);
    expect(inFirstTurn).toBeLessThanOrEqual(3);
    expect(runs).toHaveLength(10);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the place of an operation that throws', async () => {
    const admission = new Admission(1);
    await expect(admission.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await admission.run(async () => 'next')).toBe('next');
    expect(() =>
      admission.run(() => {
        throw new Error('at once');
      }),
    ).toThrow('at once');
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('answers work that finished at once at once, and frees its place', async () => {
    const admission = new Admission(1);
    expect(admission.run(() => 'now')).toBe('now');
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
    // Its place is free for the next one, which is not queued.
    const next = admission.run(async () => 'later');
    expect(admission.load).toEqual({ running: 1, waiting: 0 });
    expect(await next).toBe('later');
  });
});

function deferred() {
  let resolve!: (value: unknown) => void;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
