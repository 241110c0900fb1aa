import { describe, expect, it } from 'vitest';
import { type BaseCandidate, baseFor, holdFrom, pitrWindow, usableBases } from './pitr-window';

function candidate(id: string, at: string, changes: Partial<BaseCandidate> = {}): BaseCandidate {
  return {
    kind: 'snapshot',
    id,
    status: 'ready',
    timestamp: at,
    walPosition: 0,
    logFrom: at,
    logSnapshot: null,
    tables: ['t'],
    ...changes,
  };
}

const a = candidate('a', '2026-01-01T00:00:00.000Z');
const b = candidate('b', '2026-01-01T06:00:00.000Z');
const c = candidate('c', '2026-01-01T12:00:00.000Z');

describe('usableBases', () => {
  const table = [
    { given: 'ready local snapshots', candidates: [c, a, b], marks: {}, want: ['a', 'b', 'c'] },
    { given: 'an imported one (no log position)', candidates: [a, { ...b, logFrom: null }], marks: {}, want: ['a'] },
    { given: 'one still being written', candidates: [a, { ...b, status: 'creating' }], marks: {}, want: ['a'] },
    { given: 'a restore after a', candidates: [a, b], marks: { restored: '2026-01-01T01:00:00.000Z' }, want: ['b'] },
    { given: 'the log pruned past a', candidates: [a, b], marks: { pruned: '2026-01-01T00:00:01.000Z' }, want: ['b'] },
  ];
  for (const { given, candidates, marks, want } of table)
    it(given, () => expect(usableBases(candidates, marks).map((x) => x.id)).toEqual(want));
});

describe('baseFor', () => {
  const bases = usableBases([a, b, c], {});
  const table = [
    { target: '2025-12-31T23:59:59.000Z', want: undefined },
    { target: '2026-01-01T00:00:00.000Z', want: 'a' },
    { target: '2026-01-01T07:00:00.000Z', want: 'b' },
    { target: '2026-01-02T00:00:00.000Z', want: 'c' },
  ];
  for (const { target, want } of table) it(target, () => expect(baseFor(bases, target)?.id).toBe(want));
});

describe('pitrWindow and holdFrom', () => {
  const bases = usableBases([a, b, c], {});
  it('spans the oldest base to now', () => {
    expect(pitrWindow(bases, '2026-01-02T00:00:00.000Z')).toEqual({
      oldest: a.timestamp,
      latest: '2026-01-02T00:00:00.000Z',
    });
    expect(pitrWindow([], '2026-01-02T00:00:00.000Z')).toBeUndefined();
  });
  it('keeps the log from the base serving the start of the retention', () => {
    expect(holdFrom(bases, new Date('2026-01-01T20:00:00.000Z'), 10)).toBe(b.logFrom);
    expect(holdFrom(bases, new Date('2026-01-02T20:00:00.000Z'), 1)).toBe(c.logFrom);
  });
  it('keeps it from the oldest base when no base is as old as the retention', () => {
    expect(holdFrom(bases, new Date('2026-01-01T13:00:00.000Z'), 24)).toBe(a.logFrom);
    expect(holdFrom([], new Date(), 24)).toBeUndefined();
  });
});
