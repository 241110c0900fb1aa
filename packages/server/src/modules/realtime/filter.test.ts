import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter, unknownColumns } from './filter';
import { FrameError } from './frames';

describe('parseFilter', () => {
  it.each([
    [undefined, []],
    [{ owner_id: 'u1' }, [{ column: 'owner_id', op: 'eq', value: 'u1' }]],
    [{ age: { gte: 18 } }, [{ column: 'age', op: 'gte', value: 18 }]],
    ['owner_id=eq.u1', [{ column: 'owner_id', op: 'eq', value: 'u1' }]],
    ['status=in.(open,closed)', [{ column: 'status', op: 'in', value: ['open', 'closed'] }]],
    ['deleted_at=is.null', [{ column: 'deleted_at', op: 'is', value: null }]],
  ])('given %j', (given, want) => {
    expect(parseFilter(given)).toEqual(want);
  });

  it.each([
    [['a']],
    ['no-operator'],
    [{ a: { gt: 1, lt: 2 } }],
    [{ a: { near: 1 } }],
    [{ a: { in: 'x' } }],
    [{ a: { is: 'x' } }],
    ['a=is.maybe'],
  ])('refuses %j', (given) => {
    expect(() => parseFilter(given)).toThrow(FrameError);
  });

  it('names columns a table lacks', () => {
    expect(unknownColumns(parseFilter({ a: 1, b: 2 }), new Set(['a']))).toEqual(['b']);
  });
});

describe('matchesFilter', () => {
  const row = { id: 7, title: 'Hello World', done: false, owner_id: 'u1', tags: null, meta: { a: 1 } };
  it.each([
    [{ id: 7 }, true],
    ['id=eq.7', true],
    [{ id: '7' }, true],
    [{ id: 8 }, false],
    [{ id: { gt: 6 } }, true],
    [{ id: { lte: 6 } }, false],
    [{ id: { neq: 7 } }, false],
    [{ done: false }, true],
    ['done=eq.false', true],
    [{ done: { is: false } }, true],
    [{ tags: { is: null } }, true],
    [{ tags: { is_not: null } }, false],
    [{ tags: 'x' }, false],
    [{ title: { like: 'Hello%' } }, true],
    [{ title: { like: 'hello%' } }, false],
    [{ title: { ilike: 'hello_world' } }, true],
    [{ owner_id: { in: ['u2', 'u1'] } }, true],
    ['owner_id=in.(u2,u3)', false],
    [{ id: 7, owner_id: 'u2' }, false],
    [{ id: { gt: 'abc' } }, false],
    [{ title: { like: 'Hello.World' } }, false],
  ])('%j → %s', (filter, want) => {
    expect(matchesFilter(row, parseFilter(filter))).toBe(want);
  });
});
