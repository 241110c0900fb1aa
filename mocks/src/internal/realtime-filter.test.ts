import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from './realtime-filter';

const row = { id: 7, owner: 'ada', title: 'Write the spec', done: false, note: null };

describe('matchesFilter', () => {
  it.each([
    { given: undefined, want: true },
    { given: { owner: 'ada' }, want: true },
    { given: { owner: 'bob' }, want: false },
    { given: { id: { gte: 7 } }, want: true },
    { given: { id: { gt: 7 } }, want: false },
    { given: { title: { ilike: 'write%' } }, want: true },
    { given: { title: { like: 'write%' } }, want: false },
    { given: { note: { is: null } }, want: true },
    { given: { done: { is: false } }, want: true },
    { given: 'owner=eq.ada', want: true },
    { given: 'id=in.(1,7)', want: true },
    { given: 'id=in.(1,2)', want: false },
    { given: 'note=is_not.null', want: false },
    { given: { event: 'INSERT', owner: 'ada' }, want: true },
    { given: { event: 'DELETE' }, want: false },
    { given: { event: { in: ['update', 'insert'] } }, want: true },
  ])('$given on an INSERT: $want', ({ given, want }) => {
    expect(matchesFilter(parseFilter(given), 'INSERT', row)).toBe(want);
  });
});

describe('parseFilter', () => {
  it.each([
    { given: { id: { between: 1 } }, want: 'unknown operator between' },
    { given: { id: { gt: 1, lt: 9 } }, want: 'one operator per column' },
    { given: 'nonsense', want: 'column=operator.value' },
    { given: { event: 'TRUNCATE' }, want: 'event is INSERT, UPDATE, DELETE or *' },
    { given: { note: { is: 'maybe' } }, want: 'is takes null, true or false' },
  ])('refuses $given', ({ given, want }) => {
    expect(() => parseFilter(given)).toThrow(want);
  });
});
