import { describe, expect, it } from 'vitest';
import { columnOperand, type SqlOperand, type SqlValue, sqlCompare, toSqlValue } from './sql-values';

const none = (value: SqlValue): SqlOperand => ({ value, affinity: 'none' });

describe('toSqlValue', () => {
  const cases: { name: string; given: unknown; want: SqlValue }[] = [
    { name: 'undefined', given: undefined, want: null },
    { name: 'null', given: null, want: null },
    { name: 'true', given: true, want: 1 },
    { name: 'false', given: false, want: 0 },
    { name: 'NaN', given: Number.NaN, want: null },
    { name: 'a number', given: 2.5, want: 2.5 },
    { name: 'a bigint', given: 12n, want: 12n },
    { name: 'a string', given: 'x', want: 'x' },
    { name: 'a date', given: new Date('2026-01-20T10:15:00Z'), want: '2026-01-20T10:15:00.000Z' },
    { name: 'an object', given: { a: [1] }, want: '{"a":[1]}' },
    { name: 'bytes', given: new Uint8Array([1]), want: null },
  ];
  it.each(cases)('maps $name', ({ given, want }) => {
    expect(toSqlValue(given)).toEqual(want);
  });
});

describe('sqlCompare', () => {
  const cases: { name: string; a: SqlOperand; b: SqlOperand; want: number | null }[] = [
    { name: 'null with anything is unknown', a: none(null), b: none(null), want: null },
    { name: 'a column null is unknown', a: columnOperand(null), b: none(1), want: null },
    { name: 'numbers by value', a: none(2), b: none(10), want: -1 },
    { name: 'bigint and number', a: none(10n), b: none(10), want: 0 },
    { name: 'strings by UTF-8 bytes', a: none('B'), b: none('a'), want: -1 },
    { name: 'astral after BMP private use (byte order)', a: none('\u{1F600}'), b: none('\uFFFD'), want: 1 },
    { name: 'a prefix sorts first', a: none('ab'), b: none('abc'), want: -1 },
    { name: 'numbers before text without affinity', a: none(99), b: none('1'), want: -1 },
    { name: 'numeric column converts numeric text', a: columnOperand(10), b: none('9.5'), want: 1 },
    { name: 'numeric column keeps other text', a: columnOperand(10), b: none('ten'), want: -1 },
    { name: 'numeric column converts padded text', a: columnOperand(10), b: none(' 10 '), want: 0 },
    { name: 'boolean column is 1/0', a: columnOperand(true), b: none(1), want: 0 },
    { name: 'text column turns a number into text', a: columnOperand('10'), b: none(9), want: -1 },
    { name: 'text column equals the text of a number', a: columnOperand('42'), b: none(42), want: 0 },
    {
      name: 'text column against numeric column goes numeric',
      a: columnOperand('42.0'),
      b: columnOperand(42),
      want: 0,
    },
    { name: 'text column against text column stays text', a: columnOperand('10'), b: columnOperand('9'), want: -1 },
  ];
  it.each(cases)('$name', ({ a, b, want }) => {
    const got = sqlCompare(a, b);
    expect(got === null ? null : Math.sign(got)).toBe(want);
  });
});
