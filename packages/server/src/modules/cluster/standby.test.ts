import { describe, expect, it } from 'vitest';
import { lagMs, lsnToNumber, type StandbyState } from './standby';

const standby = (over: Partial<StandbyState>): StandbyState => ({
  inRecovery: true,
  receiving: true,
  paused: false,
  systemId: '1',
  walPosition: 100,
  sinceReplayMs: 2500,
  ...over,
});

describe('lsnToNumber', () => {
  it.each([
    ['0/0', 0],
    ['0/3000060', 0x3000060],
    ['1/0', 2 ** 32],
    ['A/FF', 10 * 2 ** 32 + 255],
    [null, 0],
  ])('%s is %d', (lsn, want) => expect(lsnToNumber(lsn)).toBe(want));
});

describe('lagMs', () => {
  it('is 0 once the standby has replayed up to the primary', () => {
    expect(lagMs(standby({ walPosition: 100 }), { walPosition: 100, systemId: '1' })).toBe(0);
    expect(lagMs(standby({ walPosition: 120 }), { walPosition: 100, systemId: '1' })).toBe(0);
  });

  it('is the time since the last replayed transaction while behind', () => {
    expect(lagMs(standby({ walPosition: 90 }), { walPosition: 100, systemId: '1' })).toBe(2500);
    expect(lagMs(standby({}), undefined)).toBe(2500);
  });

  it('is 0 for a server no longer in recovery (promoted)', () => {
    expect(lagMs(standby({ inRecovery: false, walPosition: 0 }), { walPosition: 100, systemId: '1' })).toBe(0);
  });
});
