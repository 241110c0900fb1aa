import { describe, expect, it } from 'vitest';
import type { PolicyCaller } from './ast';
import { evaluatePolicy } from './evaluate';
import { parsePolicy } from './parser';

const ada: PolicyCaller = { uid: 'u-ada', role: 'user' };
const anon: PolicyCaller = { uid: null, role: 'anon' };

type Case = { given: string; row: Record<string, unknown>; caller?: PolicyCaller; want: boolean };

function run(cases: Case[]) {
  it.each(cases)('$given on $row → $want', ({ given, row, caller = ada, want }) => {
    expect(evaluatePolicy(parsePolicy(given), row, caller)).toBe(want);
  });
}

describe('evaluatePolicy: the spec examples', () => {
  run([
    { given: 'owner_id = auth.uid()', row: { owner_id: 'u-ada' }, want: true },
    { given: 'owner_id = auth.uid()', row: { owner_id: 'u-bob' }, want: false },
    { given: 'owner_id = auth.uid()', row: { owner_id: 'u-ada' }, caller: anon, want: false },
    { given: 'owner_id = auth.uid()', row: { owner_id: null }, caller: anon, want: false },
    { given: 'is_public = true or owner_id = auth.uid()', row: { is_public: true, owner_id: 'x' }, want: true },
    { given: 'is_public = true or owner_id = auth.uid()', row: { is_public: 0, owner_id: 'u-ada' }, want: true },
    { given: 'is_public = true or owner_id = auth.uid()', row: { is_public: 0, owner_id: 'x' }, want: false },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      row: { status: 'archived', deleted_at: null },
      want: true,
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      row: { status: 'draft', deleted_at: null },
      want: false,
    },
    {
      given: "status in ('published', 'archived') and deleted_at is null",
      row: { status: 'published', deleted_at: '2026-01-01' },
      want: false,
    },
    { given: "auth.role() = 'user' and not (locked = true)", row: { locked: false }, want: true },
    { given: "auth.role() = 'user' and not (locked = true)", row: { locked: true }, want: false },
    { given: "auth.role() = 'user' and not (locked = true)", row: { locked: false }, caller: anon, want: false },
  ]);
});

describe('evaluatePolicy: comparisons', () => {
  run([
    { given: 'n = 3', row: { n: 3 }, want: true },
    { given: 'n != 3', row: { n: 4 }, want: true },
    { given: 'n < 3', row: { n: 2.5 }, want: true },
    { given: 'n <= 3', row: { n: 3 }, want: true },
    { given: 'n > 3', row: { n: 3 }, want: false },
    { given: 'n >= -1.5', row: { n: -1.5 }, want: true },
    { given: 'n = 3', row: { n: 3n }, want: true },
    { given: "n = '3'", row: { n: 3 }, want: true },
    { given: "n > '10'", row: { n: 9 }, want: false },
    { given: "n = 'three'", row: { n: 3 }, want: false },
    { given: "n < 'three'", row: { n: 3 }, want: true },
    { given: 's = 42', row: { s: '42' }, want: true },
    { given: 's = 42', row: { s: '042' }, want: false },
    { given: 's > 9', row: { s: '10' }, want: false },
    { given: "s < 'b'", row: { s: 'a' }, want: true },
    { given: "s < 'b'", row: { s: 'B' }, want: true },
    { given: "s = 'A'", row: { s: 'a' }, want: false },
    { given: "s = 'it''s'", row: { s: "it's" }, want: true },
    { given: 'flag = true', row: { flag: 1 }, want: true },
    { given: 'flag = true', row: { flag: true }, want: true },
    { given: 'flag = false', row: { flag: 0 }, want: true },
    { given: 'flag = 1', row: { flag: true }, want: true },
    { given: 'flag > false', row: { flag: true }, want: true },
    { given: 'a = b', row: { a: 'x', b: 'x' }, want: true },
    { given: 'a < b', row: { a: 2, b: '10' }, want: true },
    { given: 'a < b', row: { a: '2', b: '10' }, want: false },
    { given: "auth.role() = 'anon'", row: {}, caller: anon, want: true },
    { given: "auth.uid() = 'u-ada'", row: {}, want: true },
    { given: '1 < 2', row: {}, want: true },
    { given: "1 = '1'", row: {}, want: false },
    { given: 'true = 1', row: {}, want: true },
    { given: 'true', row: {}, want: true },
    { given: 'false', row: {}, want: false },
    { given: "created_at > '2026-01-01'", row: { created_at: new Date('2026-02-01T00:00:00Z') }, want: true },
  ]);
});

describe('evaluatePolicy: null is unknown, and unknown is not true', () => {
  run([
    { given: 'x = null', row: { x: null }, want: false },
    { given: 'x != null', row: { x: 1 }, want: false },
    { given: 'x = 1', row: { x: null }, want: false },
    { given: 'x != 1', row: { x: null }, want: false },
    { given: 'not (x = 1)', row: { x: null }, want: false },
    { given: 'not (x != 1)', row: { x: null }, want: false },
    { given: 'not (x = null)', row: { x: 1 }, want: false },
    { given: 'not not (x = null)', row: { x: 1 }, want: false },
    { given: 'x = 1', row: {}, want: false },
    { given: 'x is null', row: {}, want: true },
    { given: 'x is null', row: { x: undefined }, want: true },
    { given: 'x is null', row: { x: null }, want: true },
    { given: 'x is null', row: { x: 0 }, want: false },
    { given: 'x is null', row: { x: '' }, want: false },
    { given: 'x is not null', row: { x: false }, want: true },
    { given: 'x is not null', row: { x: null }, want: false },
    { given: 'not x is null', row: { x: null }, want: false },
    { given: 'auth.uid() is null', row: {}, caller: anon, want: true },
    { given: 'auth.uid() is not null', row: {}, caller: anon, want: false },
    { given: 'auth.uid() is not null', row: {}, want: true },
    { given: 'null is null', row: {}, want: true },
    { given: 'x = 1 or y = 1', row: { x: null, y: 1 }, want: true },
    { given: 'x = 1 or y = 1', row: { x: null, y: 2 }, want: false },
    { given: 'not (x = 1 or y = 1)', row: { x: null, y: 2 }, want: false },
    { given: 'not (x = 1 and y = 1)', row: { x: null, y: 2 }, want: true },
    { given: 'not (x = 1 and y = 1)', row: { x: null, y: 1 }, want: false },
    { given: 'x = 1 and y = 1', row: { x: null, y: 1 }, want: false },
  ]);
});

describe('evaluatePolicy: in', () => {
  run([
    { given: "s in ('a', 'b')", row: { s: 'b' }, want: true },
    { given: "s in ('a', 'b')", row: { s: 'c' }, want: false },
    { given: "s in ('a', 'b')", row: { s: null }, want: false },
    { given: "not (s in ('a', 'b'))", row: { s: 'c' }, want: true },
    { given: "not (s in ('a', 'b'))", row: { s: null }, want: false },
    { given: "s in ('a', null)", row: { s: 'a' }, want: true },
    { given: "s in ('a', null)", row: { s: 'c' }, want: false },
    { given: "not (s in ('a', null))", row: { s: 'c' }, want: false },
    { given: 'n in (1, 2, 3)', row: { n: 2 }, want: true },
    { given: "n in ('2')", row: { n: 2 }, want: true },
    { given: 's in (2)', row: { s: '2' }, want: true },
    { given: 'owner_id in (auth.uid(), editor_id)', row: { owner_id: 'e', editor_id: 'e' }, want: true },
    { given: "auth.role() in ('user', 'admin')", row: {}, want: true },
    { given: 'auth.uid() in (owner_id)', row: { owner_id: 'u-ada' }, want: true },
  ]);
});

describe('evaluatePolicy: rows are read safely', () => {
  run([
    { given: 'constructor is not null', row: {}, want: false },
    { given: 'toString is null', row: {}, want: true },
    { given: "__proto__ = 'x'", row: {}, want: false },
    { given: 'Owner = 1', row: { owner: 1 }, want: false },
  ]);
});
