import { afterEach, describe, expect, it } from 'vitest';
import { Leases } from './leases';
import { openTestDatabase, type TestDatabase, testEngines } from './test-engines';

describe.each(testEngines)('leases on %s', (engine) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => handle?.close());

  it('one holder at a time, renewal by the holder, takeover after expiry', async () => {
    handle = await openTestDatabase(engine);
    let clock = 1_000_000;
    const a = new Leases(handle.db, 'a', () => clock);
    const b = new Leases(handle.db, 'b', () => clock);
    expect(await a.acquire('cron', 1000)).toBe(true);
    expect(await b.acquire('cron', 1000)).toBe(false);
    expect(await a.acquire('cron', 1000)).toBe(true);
    expect((await b.holderOf('cron'))?.holder).toBe('a');
    clock += 1001;
    expect(await b.acquire('cron', 1000)).toBe(true);
    expect(await a.acquire('cron', 1000)).toBe(false);
    await b.release('cron');
    expect(await a.holderOf('cron')).toBeUndefined();
    expect(await a.runIfHeld('cron', 1000, async () => {})).toBe(true);
  });

  it('two instances racing for a free lease: exactly one wins', async () => {
    handle = await openTestDatabase(engine);
    const racers = Array.from({ length: 8 }, (_, i) => new Leases(handle!.db, `r${i}`));
    const won = await Promise.all(racers.map((r) => r.acquire('tick', 5000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
