import { describe, expect, it } from 'vitest';
import { type RetainedBackup, retentionVictims } from './retention';

const backup = (id: string, day: number, status = 'completed'): RetainedBackup => ({
  id,
  status,
  created_at: `2026-01-${String(day).padStart(2, '0')}T02:00:00.000Z`,
});

const all = [backup('d1', 1), backup('d2', 2, 'failed'), backup('d3', 3), backup('d4', 4), backup('d5', 5)];

describe('retentionVictims', () => {
  const table = [
    { given: 'an age limit only', rule: { before: '2026-01-03T00:00:00.000Z', count: null }, want: ['d1', 'd2'] },
    { given: 'a count only', rule: { before: '2000-01-01T00:00:00.000Z', count: 2 }, want: ['d1', 'd3'] },
    {
      given: 'both, the age deleting more',
      rule: { before: '2026-01-03T12:00:00.000Z', count: 3 },
      want: ['d1', 'd2', 'd3'],
    },
    {
      given: 'both, the count deleting more',
      rule: { before: '2026-01-01T12:00:00.000Z', count: 2 },
      want: ['d1', 'd3'],
    },
    { given: 'a count above what exists', rule: { before: '2000-01-01T00:00:00.000Z', count: 10 }, want: [] },
    { given: 'a count of one', rule: { before: '2000-01-01T00:00:00.000Z', count: 1 }, want: ['d1', 'd3', 'd4'] },
  ];
  for (const { given, rule, want } of table) it(given, () => expect(retentionVictims(all, rule)).toEqual(want));

  it('never touches a backup still being written, however old', () => {
    const running = { ...backup('r', 1), status: 'running' };
    expect(retentionVictims([running, backup('d5', 5)], { before: '2026-02-01T00:00:00.000Z', count: 1 })).toEqual([
      'd5',
    ]);
  });
});
