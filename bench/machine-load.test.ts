import { describe, expect, it } from 'vitest';
import { busyShare, cpuTimes } from './machine-load';

describe('machine load', () => {
  it('reads idle and total time from the cpu line of /proc/stat', () => {
    const stat = 'cpu  100 5 50 800 20 0 5 20 0 0\ncpu0 50 2 25 400 10 0 2 10 0 0\n';
    expect(cpuTimes(stat)).toEqual({ idle: 820, total: 1000 });
  });

  it('answers the share of time that was not idle between two readings', () => {
    expect(busyShare({ idle: 820, total: 1000 }, { idle: 1720, total: 2000 })).toBeCloseTo(0.1);
    expect(busyShare({ idle: 5, total: 10 }, { idle: 5, total: 10 })).toBe(0);
  });

  it('refuses text that is not /proc/stat', () => {
    expect(() => cpuTimes('intr 1 2 3')).toThrow(/not a \/proc\/stat cpu line/);
  });
});
