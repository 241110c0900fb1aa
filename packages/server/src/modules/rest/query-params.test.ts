import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-error';
import {
  coerceText,
  parseInList,
  parseIsValue,
  parseOrder,
  parsePrefer,
  parseRestFilters,
  parseSelect,
  upsertOptions,
} from './query-params';

function failure(fn: () => unknown): { status: number; code: string; field?: string } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const details = Array.isArray(error.details) ? error.details : [];
    return { status: error.status, code: error.code, field: details[0]?.field };
  }
  throw new Error('expected an HttpError');
}

describe('parseRestFilters', () => {
  const cases: { name: string; given: any; want: unknown }[] = [
    { name: 'absent', given: undefined, want: undefined },
    { name: 'empty', given: {}, want: undefined },
    {
      name: 'one eq',
      given: { 0: { field: 'published', op: 'eq', value: 'true' } },
      want: { and: [{ column: 'published', op: 'eq', value: 'true' }] },
    },
    {
      name: 'index order, not insertion order, and numeric not lexical',
      given: {
        10: { field: 'c', op: 'lt', value: '3' },
        2: { field: 'b', op: 'gte', value: '2' },
        0: { field: 'a', op: 'neq', value: '1' },
      },
      want: {
        and: [
          { column: 'a', op: 'neq', value: '1' },
          { column: 'b', op: 'gte', value: '2' },
          { column: 'c', op: 'lt', value: '3' },
        ],
      },
    },
    {
      name: 'like and ilike keep the pattern',
      given: { 0: { field: 't', op: 'like', value: '%a_b%' }, 1: { field: 't', op: 'ilike', value: "%'; --%" } },
      want: {
        and: [
          { column: 't', op: 'like', value: '%a_b%' },
          { column: 't', op: 'ilike', value: "%'; --%" },
        ],
      },
    },
    {
      name: 'in becomes a list',
      given: { 0: { field: 'id', op: 'in', value: '1,2,"3,4"' } },
      want: { and: [{ column: 'id', op: 'in', value: ['1', '2', '3,4'] }] },
    },
    {
      name: 'is null, true, false',
      given: {
        0: { field: 'a', op: 'is', value: 'null' },
        1: { field: 'b', op: 'is', value: 'TRUE' },
        2: { field: 'c', op: 'is', value: 'false' },
      },
      want: {
        and: [
          { column: 'a', op: 'is', value: null },
          { column: 'b', op: 'is', value: true },
          { column: 'c', op: 'is', value: false },
        ],
      },
    },
    {
      name: 'gt and lte',
      given: { 0: { field: 'n', op: 'gt', value: '1' }, 1: { field: 'n', op: 'lte', value: '9' } },
      want: {
        and: [
          { column: 'n', op: 'gt', value: '1' },
          { column: 'n', op: 'lte', value: '9' },
        ],
      },
    },
  ];
  for (const { name, given, want } of cases) it(name, () => expect(parseRestFilters(given)).toEqual(want));

  const bad: { name: string; given: any; field: string }[] = [
    { name: 'unknown op', given: { 0: { field: 'a', op: 'regex', value: 'x' } }, field: 'query.filter[0][op]' },
    {
      name: 'is_not is not a REST op',
      given: { 0: { field: 'a', op: 'is_not', value: 'null' } },
      field: 'query.filter[0][op]',
    },
    { name: 'bad column', given: { 0: { field: 'a;drop', op: 'eq', value: 'x' } }, field: 'query.filter[0][field]' },
    { name: 'quoted column', given: { 0: { field: '"a"', op: 'eq', value: 'x' } }, field: 'query.filter[0][field]' },
    { name: 'missing value', given: { 0: { field: 'a', op: 'eq' } }, field: 'query.filter[0]' },
    { name: 'not an object', given: { 0: 'a' }, field: 'query.filter[0]' },
    { name: 'bad index', given: { x: { field: 'a', op: 'eq', value: '1' } }, field: 'query.filter[x]' },
    {
      name: 'is with another value',
      given: { 0: { field: 'a', op: 'is', value: 'maybe' } },
      field: 'query.filter[0][value]',
    },
    {
      name: 'in with a broken quote',
      given: { 0: { field: 'a', op: 'in', value: '"a,b' } },
      field: 'query.filter[0][value]',
    },
  ];
  for (const { name, given, field } of bad) {
    it(`400 for ${name}`, () => {
      expect(failure(() => parseRestFilters(given))).toEqual({ status: 400, code: 'VALIDATION_FAILED', field });
    });
  }
});

describe('parseRestFilters with column types', () => {
  const types = (column: string) =>
    (({ id: 'integer', big: 'bigint', price: 'real', amount: 'numeric', ok: 'boolean', title: 'text' }) as const)[
      column as 'id'
    ];
  it('converts values to their column types', () => {
    expect(
      parseRestFilters(
        {
          0: { field: 'id', op: 'in', value: '1,2' },
          1: { field: 'ok', op: 'eq', value: 'true' },
          2: { field: 'price', op: 'gt', value: '1.5' },
          3: { field: 'title', op: 'eq', value: '7' },
          4: { field: 'id', op: 'like', value: '1%' },
          5: { field: 'ghost', op: 'eq', value: '1' },
        },
        types,
      ),
    ).toEqual({
      and: [
        { column: 'id', op: 'in', value: [1, 2] },
        { column: 'ok', op: 'eq', value: true },
        { column: 'price', op: 'gt', value: 1.5 },
        { column: 'title', op: 'eq', value: '7' },
        { column: 'id', op: 'like', value: '1%' },
        { column: 'ghost', op: 'eq', value: '1' },
      ],
    });
  });
  it('400 naming the filter for text that cannot be of the type', () => {
    expect(failure(() => parseRestFilters({ 3: { field: 'id', op: 'eq', value: '1 OR 1=1' } }, types))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'query.filter[3][value]',
    });
  });
});

describe('coerceText', () => {
  const cases: { given: [string, any]; want: unknown }[] = [
    { given: ['42', 'integer'], want: 42 },
    { given: ['-7', 'bigint'], want: -7 },
    { given: ['9007199254740993', 'bigint'], want: '9007199254740993' },
    { given: ['1.5', 'real'], want: 1.5 },
    { given: ['1e3', 'real'], want: 1000 },
    { given: ['12.340', 'numeric'], want: '12.340' },
    { given: ['TRUE', 'boolean'], want: true },
    { given: ['f', 'boolean'], want: false },
    { given: ['0', 'boolean'], want: false },
    { given: ["'; drop table x; --", 'text'], want: "'; drop table x; --" },
    { given: ['2026-01-01', 'date'], want: '2026-01-01' },
    { given: ['x', null], want: 'x' },
    { given: ['x', undefined], want: 'x' },
  ];
  for (const { given, want } of cases)
    it(`${given[0]} as ${given[1]}`, () => expect(coerceText(...given, 'v')).toBe(want));
  for (const [text, type] of [
    ['1.5', 'integer'],
    ['', 'integer'],
    ['0x10', 'bigint'],
    ['NaN', 'real'],
    ['1,5', 'numeric'],
    ['yes', 'boolean'],
  ] as const) {
    it(`400 for ${JSON.stringify(text)} as ${type}`, () =>
      expect(failure(() => coerceText(text, type, 'v')).status).toBe(400));
  }
});

describe('parseInList', () => {
  const cases: { given: string; want: string[] }[] = [
    { given: '', want: [] },
    { given: 'a', want: ['a'] },
    { given: 'a,b,c', want: ['a', 'b', 'c'] },
    { given: 'a,,b', want: ['a', '', 'b'] },
    { given: '""', want: [''] },
    { given: '"a,b",c', want: ['a,b', 'c'] },
    { given: '"say ""hi""",x', want: ['say "hi"', 'x'] },
    { given: "a','b", want: ["a'", "'b"] },
    { given: 'a,"b"', want: ['a', 'b'] },
  ];
  for (const { given, want } of cases) it(`${JSON.stringify(given)}`, () => expect(parseInList(given)).toEqual(want));
  for (const given of ['"a', 'a"b', '"a"b', '"a",b"', '"a""']) {
    it(`400 for ${JSON.stringify(given)}`, () => expect(failure(() => parseInList(given)).status).toBe(400));
  }
});

describe('parseIsValue', () => {
  it('reads null, true and false', () => {
    expect([parseIsValue('null'), parseIsValue('True'), parseIsValue('FALSE')]).toEqual([null, true, false]);
  });
  it('refuses anything else', () => expect(failure(() => parseIsValue('1')).status).toBe(400));
});

describe('parseSelect', () => {
  const cases: { given: string | undefined; want: string[] | undefined }[] = [
    { given: undefined, want: undefined },
    { given: 'id', want: ['id'] },
    { given: 'id,title,id', want: ['id', 'title'] },
  ];
  for (const { given, want } of cases) it(`${given}`, () => expect(parseSelect(given)).toEqual(want));
  for (const given of ['', 'a,', '*', 'a b', 'a,(select 1)', '1a']) {
    it(`400 for ${JSON.stringify(given)}`, () => {
      expect(failure(() => parseSelect(given))).toMatchObject({ status: 400, field: 'query.select' });
    });
  }
});

describe('parseOrder', () => {
  const cases: { given: string | undefined; want: unknown }[] = [
    { given: undefined, want: undefined },
    { given: 'id', want: [{ column: 'id', direction: 'asc' }] },
    { given: 'id.asc', want: [{ column: 'id', direction: 'asc' }] },
    {
      given: 'created_at.desc,id',
      want: [
        { column: 'created_at', direction: 'desc' },
        { column: 'id', direction: 'asc' },
      ],
    },
  ];
  for (const { given, want } of cases) it(`${given}`, () => expect(parseOrder(given)).toEqual(want));
  for (const given of ['', 'id.up', 'id.desc.nullsfirst', 'id;drop', 'a,,b', '.asc']) {
    it(`400 for ${JSON.stringify(given)}`, () => {
      expect(failure(() => parseOrder(given))).toMatchObject({ status: 400, field: 'query.order' });
    });
  }
});

describe('parsePrefer and upsertOptions', () => {
  const prefer: { given: string | null; want: unknown }[] = [
    { given: null, want: undefined },
    { given: 'resolution=merge-duplicates', want: 'merge' },
    { given: 'resolution=ignore-duplicates', want: 'ignore' },
    { given: 'return=representation, resolution=ignore-duplicates', want: 'ignore' },
    { given: 'return=minimal', want: undefined },
  ];
  for (const { given, want } of prefer) it(`Prefer: ${given}`, () => expect(parsePrefer(given)).toBe(want));
  it('400 for an unknown resolution', () => {
    expect(failure(() => parsePrefer('resolution=replace'))).toMatchObject({ status: 400, field: 'header.prefer' });
  });

  const upserts: { prefer: string | null; onConflict?: string; want: unknown }[] = [
    { prefer: null, want: {} },
    { prefer: 'resolution=merge-duplicates', want: { upsert: true } },
    {
      prefer: 'resolution=ignore-duplicates',
      onConflict: 'slug',
      want: { upsert: true, onConflict: ['slug'], ignoreDuplicates: true },
    },
    { prefer: null, onConflict: 'a,b', want: { upsert: true, onConflict: ['a', 'b'] } },
  ];
  for (const { prefer: p, onConflict, want } of upserts) {
    it(`upsert ${p} ${onConflict}`, () => expect(upsertOptions(p, onConflict)).toEqual(want));
  }
  it('400 for a bad on_conflict', () => {
    expect(failure(() => upsertOptions(null, 'a;b'))).toMatchObject({ status: 400, field: 'query.on_conflict' });
  });
});
