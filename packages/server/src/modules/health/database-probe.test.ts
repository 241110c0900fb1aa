import { describe, expect, it } from 'vitest';
import { DatabaseProbe } from './database-probe';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function countingPing(answers: (() => Promise<void>)[]) {
  let calls = 0;
  return {
    ping: () => answers[Math.min(calls++, answers.length - 1)](),
    get calls() {
      return calls;
    },
  };
}

const ok = () => Promise.resolve();
const fail = () => Promise.reject(new Error('connection refused'));

describe('DatabaseProbe', () => {
  it('pings once for many probes within freshMs', async () => {
    const c = clock();
    const p = countingPing([ok]);
    const probe = new DatabaseProbe(p.ping, { freshMs: 1000, now: c.now });
    const states = await Promise.all(Array.from({ length: 50 }, () => probe.state()));
    expect(new Set(states)).toEqual(new Set(['ok']));
    c.advance(999);
    await probe.state();
    expect(p.calls).toBe(1);
  });

  it('answers a stale state at once while a new ping runs, then the new state', async () => {
    const c = clock();
    let release: () => void = () => {};
    const slow = () => new Promise<void>((_, reject) => (release = () => reject(new Error('down'))));
    const p = countingPing([ok, slow]);
    const probe = new DatabaseProbe(p.ping, { freshMs: 1000, staleMs: 5000, now: c.now });
    expect(await probe.state()).toBe('ok');
    expect(probe.state()).toBe('ok'); // fresh: answered at once, not as a promise
    c.advance(1500);
    expect(probe.state()).toBe('ok'); // stale, answered at once while the new ping runs
    expect(await probe.state()).toBe('ok'); // the same ping is still running: no second one
    expect(p.calls).toBe(2);
    release();
    await new Promise((r) => setImmediate(r));
    expect(await probe.state()).toBe('failed');
  });

  it('waits for the ping when the last state is older than staleMs, and reports a failure', async () => {
    const c = clock();
    const p = countingPing([ok, fail]);
    const probe = new DatabaseProbe(p.ping, { freshMs: 1000, staleMs: 5000, now: c.now });
    await probe.state();
    c.advance(6000);
    expect(await probe.state()).toBe('failed');
  });

  it('counts a ping slower than staleMs as failed', async () => {
    const probe = new DatabaseProbe(() => new Promise(() => {}), { staleMs: 20 });
    expect(await probe.state()).toBe('failed');
  });
});
