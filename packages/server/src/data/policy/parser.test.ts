import { describe, expect, it } from 'vitest';
import type { PolicyNode } from './ast';
import { parsePolicy } from './parser';
import { and, bool, cmp, col, eq, inList, isNotNull, isNull, lit, not, or, role, uid } from './test-nodes';

describe('parsePolicy: constructs', () => {
  const cases: { given: string; want: PolicyNode }[] = [
    { given: 'owner_id = auth.uid()', want: cmp(col('owner_id'), '=', uid) },
    { given: "auth.role() = 'user'", want: cmp(role, '=', lit('user')) },
    { given: 'AUTH.UID() = owner_id', want: cmp(uid, '=', col('owner_id')) },
    { given: 'auth . role ( ) = r', want: cmp(role, '=', col('r')) },
    { given: 'a != 1', want: cmp(col('a'), '!=', lit(1)) },
    { given: 'a < 1', want: cmp(col('a'), '<', lit(1)) },
    { given: 'a <= 1', want: cmp(col('a'), '<=', lit(1)) },
    { given: 'a > -1.5', want: cmp(col('a'), '>', lit(-1.5)) },
    { given: 'a >= 0', want: cmp(col('a'), '>=', lit(0)) },
    { given: 'a=b', want: cmp(col('a'), '=', col('b')) },
    { given: "status = 'draft'", want: eq('status', 'draft') },
    { given: "note = 'it''s'", want: eq('note', "it's") },
    { given: "note = ''", want: eq('note', '') },
    { given: 'is_public = true', want: eq('is_public', true) },
    { given: 'is_public = FALSE', want: eq('is_public', false) },
    { given: 'x = null', want: eq('x', null) },
    { given: "1 = 'a'", want: cmp(lit(1), '=', lit('a')) },
    { given: 'Owner_ID = 1', want: eq('Owner_ID', 1) },
    { given: 'auth = 1', want: eq('auth', 1) },
    { given: 'uid = 1', want: eq('uid', 1) },
    { given: 'android = 1 and order_no = 2', want: and(eq('android', 1), eq('order_no', 2)) },
    { given: "status in ('a')", want: inList(col('status'), lit('a')) },
    {
      given: "status IN ('published', 'archived', null, 3, other, auth.uid())",
      want: inList(col('status'), lit('published'), lit('archived'), lit(null), lit(3), col('other'), uid),
    },
    { given: 'auth.uid() in (a, b)', want: inList(uid, col('a'), col('b')) },
    { given: 'deleted_at is null', want: isNull(col('deleted_at')) },
    { given: 'deleted_at IS NOT NULL', want: isNotNull(col('deleted_at')) },
    { given: 'auth.uid() is not null', want: isNotNull(uid) },
    { given: 'null is null', want: isNull(lit(null)) },
    { given: 'true', want: bool(true) },
    { given: 'False', want: bool(false) },
    { given: 'not true', want: not(bool(true)) },
    { given: '(true)', want: bool(true) },
    { given: 'true or a = 1', want: or(bool(true), eq('a', 1)) },
    { given: 'a = 1 and b = 2', want: and(eq('a', 1), eq('b', 2)) },
    { given: 'a = 1 or b = 2', want: or(eq('a', 1), eq('b', 2)) },
    { given: 'a = 1 and b = 2 and c = 3', want: and(eq('a', 1), eq('b', 2), eq('c', 3)) },
    { given: 'a = 1 or b = 2 or c = 3', want: or(eq('a', 1), eq('b', 2), eq('c', 3)) },
    { given: 'not a = 1', want: not(eq('a', 1)) },
    { given: 'not not a = 1', want: not(not(eq('a', 1))) },
    { given: 'NOT (locked = true)', want: not(eq('locked', true)) },
    { given: '((a = 1))', want: eq('a', 1) },
    { given: '  a = 1  ', want: eq('a', 1) },
    { given: 'a\n=\n1', want: eq('a', 1) },
  ];
  it.each(cases)('parses $given', ({ given, want }) => {
    expect(parsePolicy(given)).toEqual(want);
  });
});

describe('parsePolicy: precedence (or < and < not)', () => {
  const cases: { given: string; want: PolicyNode }[] = [
    { given: 'a = 1 or b = 2 and c = 3', want: or(eq('a', 1), and(eq('b', 2), eq('c', 3))) },
    { given: 'a = 1 and b = 2 or c = 3', want: or(and(eq('a', 1), eq('b', 2)), eq('c', 3)) },
    { given: '(a = 1 or b = 2) and c = 3', want: and(or(eq('a', 1), eq('b', 2)), eq('c', 3)) },
    { given: 'a = 1 and (b = 2 or c = 3)', want: and(eq('a', 1), or(eq('b', 2), eq('c', 3))) },
    { given: 'not a = 1 and b = 2', want: and(not(eq('a', 1)), eq('b', 2)) },
    { given: 'not a = 1 or b = 2', want: or(not(eq('a', 1)), eq('b', 2)) },
    { given: 'not (a = 1 or b = 2)', want: not(or(eq('a', 1), eq('b', 2))) },
    { given: 'a = 1 and not b = 2', want: and(eq('a', 1), not(eq('b', 2))) },
    { given: 'not a in (1, 2)', want: not(inList(col('a'), lit(1), lit(2))) },
    { given: 'not a is null', want: not(isNull(col('a'))) },
    {
      given: 'a = 1 or b = 2 and not c = 3 or d = 4',
      want: or(eq('a', 1), and(eq('b', 2), not(eq('c', 3))), eq('d', 4)),
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      want: and(inList(col('status'), lit('published'), lit('archived')), isNull(col('deleted_at'))),
    },
    {
      given: "auth.role() = 'user' and not (locked = true)",
      want: and(cmp(role, '=', lit('user')), not(eq('locked', true))),
    },
    {
      given: 'is_public = true or owner_id = auth.uid()',
      want: or(eq('is_public', true), cmp(col('owner_id'), '=', uid)),
    },
    { given: '(a = 1 and b = 2) and c = 3', want: and(and(eq('a', 1), eq('b', 2)), eq('c', 3)) },
  ];
  it.each(cases)('parses $given', ({ given, want }) => {
    expect(parsePolicy(given)).toEqual(want);
  });
});

describe('parsePolicy: syntax errors name the position', () => {
  const cases: { given: string; want: string; position: number }[] = [
    { given: '', want: 'expected a value at position 0, found end of input', position: 0 },
    { given: '   ', want: 'expected a value at position 3, found end of input', position: 3 },
    { given: 'owner_id = )', want: 'expected a value at position 11, found ")"', position: 11 },
    { given: 'owner_id = ', want: 'expected a value at position 11, found end of input', position: 11 },
    {
      given: 'owner_id',
      want: 'expected a comparison operator, "in" or "is" at position 8, found end of input',
      position: 8,
    },
    {
      given: 'null',
      want: 'expected a comparison operator, "in" or "is" at position 4, found end of input',
      position: 4,
    },
    {
      given: "'x'",
      want: 'expected a comparison operator, "in" or "is" at position 3, found end of input',
      position: 3,
    },
    { given: 'a = 1 b = 2', want: 'expected "and", "or" or end of input at position 6, found "b"', position: 6 },
    { given: 'a = 1 = 2', want: 'expected "and", "or" or end of input at position 6, found "="', position: 6 },
    { given: 'a == 1', want: 'expected a value at position 3, found "="', position: 3 },
    { given: 'a <> 1', want: 'expected a value at position 3, found ">"', position: 3 },
    { given: 'a = .5', want: 'expected a value at position 4, found "."', position: 4 },
    { given: 'a = 1 and', want: 'expected a value at position 9, found end of input', position: 9 },
    { given: 'a = 1 or or b = 2', want: 'expected a value at position 9, found "or"', position: 9 },
    { given: 'and a = 1', want: 'expected a value at position 0, found "and"', position: 0 },
    { given: 'not', want: 'expected a value at position 3, found end of input', position: 3 },
    { given: 'a = not b', want: 'expected a value at position 4, found "not"', position: 4 },
    { given: '(a = 1', want: 'expected "and", "or" or ")" at position 6, found end of input', position: 6 },
    { given: '(a = 1 b', want: 'expected "and", "or" or ")" at position 7, found "b"', position: 7 },
    { given: 'a = 1)', want: 'expected "and", "or" or end of input at position 5, found ")"', position: 5 },
    { given: '()', want: 'expected a value at position 1, found ")"', position: 1 },
    { given: '(a) = 1', want: 'expected a comparison operator, "in" or "is" at position 2, found ")"', position: 2 },
    { given: 'a in 1', want: 'expected "(" at position 5, found "1"', position: 5 },
    { given: 'a in ()', want: 'expected a value at position 6, found ")"', position: 6 },
    { given: 'a in (1,)', want: 'expected a value at position 8, found ")"', position: 8 },
    { given: 'a in (1 2)', want: 'expected "," or ")" at position 8, found "2"', position: 8 },
    { given: 'a in (1', want: 'expected "," or ")" at position 7, found end of input', position: 7 },
    { given: 'a in ((1))', want: 'expected a value at position 6, found "("', position: 6 },
    {
      given: 'a not in (1)',
      want: 'expected a comparison operator, "in" or "is" at position 2, found "not"',
      position: 2,
    },
    { given: 'a is', want: 'expected "null" or "not null" at position 4, found end of input', position: 4 },
    { given: 'a is 1', want: 'expected "null" or "not null" at position 5, found "1"', position: 5 },
    { given: 'a is not', want: 'expected "null" at position 8, found end of input', position: 8 },
    { given: 'a is not true', want: 'expected "null" at position 9, found "true"', position: 9 },
    { given: 'auth.user() = 1', want: 'expected "uid" or "role" at position 5, found "user"', position: 5 },
    { given: 'auth.() = 1', want: 'expected "uid" or "role" at position 5, found "("', position: 5 },
    { given: 'auth.uid = 1', want: 'expected "(" at position 9, found "="', position: 9 },
    { given: 'auth.uid( = 1', want: 'expected ")" at position 10, found "="', position: 10 },
    { given: 'auth.uid(1) = a', want: 'expected ")" at position 9, found "1"', position: 9 },
    {
      given: 'foo.bar = 1',
      want: 'expected a comparison operator, "in" or "is" at position 3, found "."',
      position: 3,
    },
    {
      given: 'upper(a) = 1',
      want: 'expected a comparison operator, "in" or "is" at position 5, found "("',
      position: 5,
    },
    { given: "a = 'x' || 'y'", want: 'unexpected character "|" at position 8', position: 8 },
    {
      given: "a = 'a very long string literal that goes on' and",
      want: `expected a value at position 49, found end of input`,
      position: 49,
    },
    {
      given: "a = 1 'a very long string literal that goes on'",
      want: `expected "and", "or" or end of input at position 6, found "'a very long string lite…"`,
      position: 6,
    },
  ];
  it.each(cases)('refuses $given', ({ given, want, position }) => {
    let error: unknown;
    try {
      parsePolicy(given);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'PolicySyntaxError', message: want, position });
  });
});

describe('parsePolicy: limits', () => {
  const nested = (depth: number) => `${'('.repeat(depth)}a = 1${')'.repeat(depth)}`;
  const nots = (depth: number) => `${'not '.repeat(depth)}a = 1`;
  const list = (items: number) => `a in (${Array.from({ length: items }, (_, i) => i).join(', ')})`;
  const long = (length: number) => `a = '${'x'.repeat(length - 6)}'`;

  const accepted: { given: string; name: string }[] = [
    { name: '32 nested parentheses', given: nested(32) },
    { name: '32 nested nots', given: nots(32) },
    { name: '16 parentheses holding 16 nots', given: `${'('.repeat(16)}${nots(16)}${')'.repeat(16)}` },
    { name: 'an in list of 100 items', given: list(100) },
    { name: 'a 2000-character expression', given: long(2000) },
    { name: '250 and-ed conditions (flat, not nested)', given: Array(250).fill('a=1').join(' and ') },
  ];
  it.each(accepted)('accepts $name', ({ given }) => {
    expect(() => parsePolicy(given)).not.toThrow();
  });

  const refused: { name: string; given: string; want: string }[] = [
    { name: '33 nested parentheses', given: nested(33), want: 'nesting deeper than 32 levels at position 32' },
    { name: '33 nested nots', given: nots(33), want: 'nesting deeper than 32 levels at position 128' },
    {
      name: '17 parentheses holding 16 nots',
      given: `${'('.repeat(17)}${nots(16)}${')'.repeat(17)}`,
      want: 'nesting deeper than 32 levels at position 77',
    },
    { name: 'an in list of 101 items', given: list(101), want: '"in" list longer than 100 items at position 396' },
    { name: 'a 2001-character expression', given: long(2001), want: 'expression longer than 2000 characters' },
  ];
  it.each(refused)('refuses $name', ({ given, want }) => {
    expect(() => parsePolicy(given)).toThrow(want);
  });
});
