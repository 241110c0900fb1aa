import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-error';
import { MONGO_FILTER_LIMITS, mongoToFilter } from './mongo-filter';

function failure(input: unknown): { status: number; code: string; field?: string } {
  try {
    mongoToFilter(input);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const details = Array.isArray(error.details) ? error.details : [];
    return { status: error.status, code: error.code, field: details[0]?.field };
  }
  throw new Error('expected an HttpError');
}

const isNull = (column: string) => ({ column, op: 'is', value: null });
const notNull = (column: string) => ({ column, op: 'is_not', value: null });

describe('mongoToFilter', () => {
  const cases: { name: string; given: unknown; want: unknown }[] = [
    { name: 'absent matches all', given: undefined, want: undefined },
    { name: '{} matches all', given: {}, want: undefined },
    { name: 'bare value is $eq', given: { title: 'Ada' }, want: { column: 'title', op: 'eq', value: 'Ada' } },
    { name: 'bare null is null', given: { title: null }, want: isNull('title') },
    { name: '$eq number', given: { n: { $eq: 7 } }, want: { column: 'n', op: 'eq', value: 7 } },
    { name: '$eq boolean', given: { b: { $eq: true } }, want: { column: 'b', op: 'eq', value: true } },
    { name: '$eq null', given: { n: { $eq: null } }, want: isNull('n') },
    {
      name: '$ne also matches null',
      given: { n: { $ne: 3 } },
      want: { or: [{ column: 'n', op: 'neq', value: 3 }, isNull('n')] },
    },
    { name: '$ne null', given: { n: { $ne: null } }, want: notNull('n') },
    {
      name: 'range on one column',
      given: { age: { $gte: 18, $lt: 65 } },
      want: {
        and: [
          { column: 'age', op: 'gte', value: 18 },
          { column: 'age', op: 'lt', value: 65 },
        ],
      },
    },
    { name: '$gt', given: { a: { $gt: 'b' } }, want: { column: 'a', op: 'gt', value: 'b' } },
    { name: '$lte', given: { a: { $lte: 1.5 } }, want: { column: 'a', op: 'lte', value: 1.5 } },
    { name: '$in', given: { a: { $in: [1, 2] } }, want: { column: 'a', op: 'in', value: [1, 2] } },
    {
      name: '$in with null',
      given: { a: { $in: [1, null] } },
      want: { or: [{ column: 'a', op: 'in', value: [1] }, isNull('a')] },
    },
    { name: '$in only null', given: { a: { $in: [null] } }, want: isNull('a') },
    { name: '$in empty matches nothing', given: { a: { $in: [] } }, want: { or: [] } },
    {
      name: '$nin also matches null',
      given: { a: { $nin: [1, 2] } },
      want: { or: [{ not: { column: 'a', op: 'in', value: [1, 2] } }, isNull('a')] },
    },
    {
      name: '$nin naming null',
      given: { a: { $nin: [1, null] } },
      want: { and: [notNull('a'), { not: { column: 'a', op: 'in', value: [1] } }] },
    },
    { name: '$nin only null', given: { a: { $nin: [null] } }, want: notNull('a') },
    { name: '$nin empty matches all', given: { a: { $nin: [] } }, want: undefined },
    { name: '$like', given: { t: { $like: 'a%' } }, want: { column: 't', op: 'like', value: 'a%' } },
    { name: '$ilike', given: { t: { $ilike: '%x_' } }, want: { column: 't', op: 'ilike', value: '%x_' } },
    { name: '$exists true', given: { t: { $exists: true } }, want: notNull('t') },
    { name: '$exists false', given: { t: { $exists: false } }, want: isNull('t') },
    {
      name: 'several columns are ANDed',
      given: { a: 1, b: { $ne: null } },
      want: { and: [{ column: 'a', op: 'eq', value: 1 }, notNull('b')] },
    },
    {
      name: '$and and $or nest',
      given: { $and: [{ published: { $eq: true } }, { $or: [{ title: { $ilike: '%x%' } }, { n: { $gte: 2 } }] }] },
      want: {
        and: [
          { column: 'published', op: 'eq', value: true },
          {
            or: [
              { column: 'title', op: 'ilike', value: '%x%' },
              { column: 'n', op: 'gte', value: 2 },
            ],
          },
        ],
      },
    },
    { name: 'single-item $or collapses', given: { $or: [{ a: 1 }] }, want: { column: 'a', op: 'eq', value: 1 } },
    {
      name: 'values are data, never SQL',
      given: { title: "x' OR '1'='1" },
      want: { column: 'title', op: 'eq', value: "x' OR '1'='1" },
    },
  ];
  for (const { name, given, want } of cases) it(name, () => expect(mongoToFilter(given)).toEqual(want));

  const deep = (n: number): unknown => (n === 0 ? { a: 1 } : { $and: [deep(n - 1)] });
  const bad: { name: string; given: unknown; field: string }[] = [
    { name: 'a non-object filter', given: [1], field: 'body.filter' },
    { name: 'a string filter', given: 'a = 1', field: 'body.filter' },
    { name: 'an unknown operator', given: { a: { $regex: 'x' } }, field: 'body.filter.a.$regex' },
    { name: 'a bare top-level operator', given: { $where: 'sleep(1)' }, field: 'body.filter.$where' },
    { name: 'mixing $or with columns', given: { a: 1, $or: [{ b: 1 }] }, field: 'body.filter' },
    { name: 'an empty $and', given: { $and: [] }, field: 'body.filter.$and' },
    { name: '$or not an array', given: { $or: { a: 1 } }, field: 'body.filter.$or' },
    { name: 'an injected column name', given: { 'a" = 1 --': 1 }, field: 'body.filter.a" = 1 --' },
    { name: 'a dotted column name', given: { 'a.b': 1 }, field: 'body.filter.a.b' },
    { name: 'an empty condition', given: { a: {} }, field: 'body.filter.a' },
    { name: 'an array bare value', given: { a: [1, 2] }, field: 'body.filter.a' },
    { name: 'an object value', given: { a: { $eq: { b: 1 } } }, field: 'body.filter.a.$eq' },
    { name: '$gt null', given: { a: { $gt: null } }, field: 'body.filter.a.$gt' },
    { name: '$in not an array', given: { a: { $in: 1 } }, field: 'body.filter.a.$in' },
    { name: '$in of objects', given: { a: { $in: [{}] } }, field: 'body.filter.a.$in[0]' },
    { name: '$like a number', given: { a: { $like: 1 } }, field: 'body.filter.a.$like' },
    { name: '$exists a string', given: { a: { $exists: 'yes' } }, field: 'body.filter.a.$exists' },
    { name: 'a non-finite number', given: { a: { $eq: Number.NaN } }, field: 'body.filter.a.$eq' },
    { name: 'nesting too deep', given: deep(MONGO_FILTER_LIMITS.depth + 1), field: expect.any(String) as never },
  ];
  for (const { name, given, field } of bad) {
    it(`400 for ${name}`, () => {
      expect(failure(given)).toEqual({ status: 400, code: 'VALIDATION_FAILED', field });
    });
  }

  it('refuses more conditions than the limit', () => {
    const wide = { $or: Array.from({ length: MONGO_FILTER_LIMITS.conditions + 1 }, (_, i) => ({ a: i })) };
    expect(failure(wide)).toMatchObject({ status: 400, field: 'body.filter' });
  });

  it('accepts nesting up to the limit', () => {
    expect(mongoToFilter(deep(MONGO_FILTER_LIMITS.depth))).toEqual({ column: 'a', op: 'eq', value: 1 });
  });
});
