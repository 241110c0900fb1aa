import { describe, expect, it } from 'vitest';
import { SendStats } from './stats';

describe('SendStats', () => {
  it('averages frames and bytes over the last minute, forgetting older seconds', () => {
    let now = 1_000_000;
    const stats = new SendStats(() => now);
    stats.sent(100);
    stats.sent(20);
    now += 30_000;
    stats.sent(60);
    expect(stats.rates()).toEqual({ messagesPerSecond: 3 / 60, bytesPerSecond: 180 / 60 });
    now += 31_000;
    expect(stats.rates()).toEqual({ messagesPerSecond: 1 / 60, bytesPerSecond: 1 });
    now += 120_000;
    expect(stats.rates()).toEqual({ messagesPerSecond: 0, bytesPerSecond: 0 });
  });
});
