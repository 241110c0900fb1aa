import { describe, expect, it } from 'vitest';
import { RequestLineBudget } from './request-line-budget';

function budget(perSecond: number) {
  const reports: Array<[number, number]> = [];
  const b = new RequestLineBudget(perSecond, (second, skipped) => reports.push([second, skipped]));
  return { b, reports };
}

describe('RequestLineBudget', () => {
  it('admits perSecond lines a second, then only 5xx, and reports what it left out when the second turns', () => {
    const { b, reports } = budget(2);
    const at = 1_700_000_000_000;
    expect([200, 404, 200, 503, 201].map((status, i) => b.admit(at + i, status))).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(reports).toEqual([]);
    expect(b.admit(at + 1000, 200)).toBe(true);
    expect(reports).toEqual([[at, 2]]);
    expect(b.notKept).toBe(2);
  });

  it('reports at a settle (a flush) and only once', () => {
    const { b, reports } = budget(0);
    b.admit(5_000, 200);
    b.settle();
    b.settle();
    expect(reports).toEqual([[5_000, 1]]);
  });
});
