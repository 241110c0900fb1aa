import { describe, expect, it } from 'vitest';
import { latestRows } from './results';

describe('latestRows', () => {
  const earlier = [
    { engine: 'sqlite', scenario: 'health', ratio: 0.7, at: 't0' },
    { engine: 'sqlite', scenario: 'get row by key', ratio: 0.4, at: 't0' },
    { engine: 'postgres', scenario: 'health', ratio: 0.6, at: 't0' },
  ];

  it('replaces the rows a partial run measured and keeps the others', () => {
    const rows = latestRows(earlier, [{ engine: 'sqlite', scenario: 'get row by key', ratio: 0.5 }], 't1');
    expect(rows).toEqual([
      { engine: 'sqlite', scenario: 'health', ratio: 0.7, at: 't0' },
      { engine: 'postgres', scenario: 'health', ratio: 0.6, at: 't0' },
      { engine: 'sqlite', scenario: 'get row by key', ratio: 0.5, at: 't1' },
    ]);
  });

  it('tells the same scenario on two engines apart, and adds a new one', () => {
    const rows = latestRows(earlier, [{ engine: 'mocks', scenario: 'health', ratio: 58 }], 't1');
    expect(rows).toHaveLength(4);
    expect(rows.filter((row) => row.scenario === 'health').map((row) => row.engine)).toEqual([
      'sqlite',
      'postgres',
      'mocks',
    ]);
  });
});
