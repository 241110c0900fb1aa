/**
 * The Mongo-style filter of the unified operation's `query` and `explain`
 * (`OperationFilter`) as the data core's `Filter`. Column names are checked for form here
 * and against the catalogue by the row service; values are only ever bound. Null follows
 * MongoDB: `{a: null}` matches null, and `$ne`/`$nin` match null unless they name it.
 */
import type { Filter } from '../../data/filters';
import { IDENTIFIER } from '../../db/catalogue';
import { errors } from '../../http/http-error';

/** A column value in a filter. */
export type Scalar = string | number | boolean | null;

/** How deep `$and`/`$or` may nest, and how many conditions a filter may hold. */
export const MONGO_FILTER_LIMITS = { depth: 16, conditions: 1000 };

const OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$like', '$ilike', '$exists'];
const COMPARISONS = { $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' } as const;

/** Matches every row / no row, in terms every Filter compiler understands. */
const ALL: Filter = { and: [] };
const NONE: Filter = { or: [] };

function invalid(field: string, message: string): never {
  throw errors.validation([{ field, message }]);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function all(parts: Filter[]): Filter {
  return parts.length === 1 ? parts[0] : { and: parts };
}

function any(parts: Filter[]): Filter {
  return parts.length === 1 ? parts[0] : { or: parts };
}

function scalar(value: unknown, at: string): Scalar {
  if (!isScalar(value)) invalid(at, 'must be a string, number, boolean or null');
  if (typeof value === 'number' && !Number.isFinite(value)) invalid(at, 'must be a finite number');
  return value;
}

function list(value: unknown, at: string): Scalar[] {
  if (!Array.isArray(value)) invalid(at, 'must be an array');
  return value.map((v, i) => scalar(v, `${at}[${i}]`));
}

function eq(column: string, value: Scalar): Filter {
  return value === null ? { column, op: 'is', value: null } : { column, op: 'eq', value };
}

function ne(column: string, value: Scalar): Filter {
  if (value === null) return { column, op: 'is_not', value: null };
  return {
    or: [
      { column, op: 'neq', value },
      { column, op: 'is', value: null },
    ],
  };
}

function inList(column: string, values: Scalar[]): Filter {
  const present = values.filter((v) => v !== null);
  const parts: Filter[] = [];
  if (present.length > 0) parts.push({ column, op: 'in', value: present });
  if (present.length < values.length) parts.push({ column, op: 'is', value: null });
  return parts.length === 0 ? NONE : any(parts);
}

function notInList(column: string, values: Scalar[]): Filter {
  const present = values.filter((v) => v !== null);
  const excludesNull = present.length < values.length;
  const notIn: Filter[] = present.length > 0 ? [{ not: { column, op: 'in', value: present } }] : [];
  if (excludesNull) return all([{ column, op: 'is_not', value: null }, ...notIn]);
  return notIn.length === 0 ? ALL : { or: [...notIn, { column, op: 'is', value: null }] };
}

function pattern(value: unknown, at: string): string {
  if (typeof value !== 'string') invalid(at, 'must be a pattern string');
  return value;
}

function operator(column: string, op: string, value: unknown, at: string): Filter {
  switch (op) {
    case '$eq':
      return eq(column, scalar(value, at));
    case '$ne':
      return ne(column, scalar(value, at));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const v = scalar(value, at);
      if (v === null) invalid(at, 'cannot compare with null; use $eq, $ne or $exists');
      return { column, op: COMPARISONS[op], value: v };
    }
    case '$in':
      return inList(column, list(value, at));
    case '$nin':
      return notInList(column, list(value, at));
    case '$like':
      return { column, op: 'like', value: pattern(value, at) };
    case '$ilike':
      return { column, op: 'ilike', value: pattern(value, at) };
    case '$exists':
      if (typeof value !== 'boolean') invalid(at, 'must be true or false');
      return { column, op: value ? 'is_not' : 'is', value: null };
    default:
      return invalid(at, `is not an operator; use one of ${OPERATORS.join(', ')}`);
  }
}

class Compiler {
  private conditions = 0;

  filter(input: unknown, at: string, depth: number): Filter {
    if (depth > MONGO_FILTER_LIMITS.depth) invalid(at, `nests deeper than ${MONGO_FILTER_LIMITS.depth} levels`);
    if (!isPlainObject(input)) invalid(at, 'must be an object');
    const keys = Object.keys(input);
    const logical = keys.filter((k) => k === '$and' || k === '$or');
    if (logical.length > 0) {
      if (keys.length > 1) invalid(at, '$and and $or stand alone in their object; wrap the rest in $and');
      return this.logical(logical[0] as '$and' | '$or', input[logical[0]], `${at}.${logical[0]}`, depth);
    }
    return all(keys.map((column) => this.column(column, input[column], `${at}.${column}`)));
  }

  private logical(kind: '$and' | '$or', items: unknown, at: string, depth: number): Filter {
    if (!Array.isArray(items) || items.length === 0) invalid(at, 'must be a non-empty array of filters');
    const parts = items.map((item, i) => this.filter(item, `${at}[${i}]`, depth + 1));
    return kind === '$and' ? all(parts) : any(parts);
  }

  private column(column: string, condition: unknown, at: string): Filter {
    if (column.startsWith('$')) invalid(at, 'is not a column; only $and and $or may stand for a filter');
    if (!IDENTIFIER.test(column)) invalid(at, 'is not a column name');
    if (!isPlainObject(condition)) return this.count(eq(column, scalar(condition, at)));
    const ops = Object.keys(condition);
    if (ops.length === 0) invalid(at, 'needs at least one operator');
    return all(ops.map((op) => this.count(operator(column, op, condition[op], `${at}.${op}`))));
  }

  private count(filter: Filter): Filter {
    if (++this.conditions > MONGO_FILTER_LIMITS.conditions)
      invalid('body.filter', `holds more than ${MONGO_FILTER_LIMITS.conditions} conditions`);
    return filter;
  }
}

/**
 * A Mongo-style filter as a `Filter`; undefined when it matches every row (absent or `{}`).
 * Malformed filters throw 400 VALIDATION_FAILED naming the offending field.
 * @example mongoToFilter({ age: { $gte: 18 }, name: 'Ada' }) // { and: [{ column: 'age', op: 'gte', value: 18 }, { column: 'name', op: 'eq', value: 'Ada' }] }
 */
export function mongoToFilter(input: unknown, at = 'body.filter'): Filter | undefined {
  if (input === undefined) return undefined;
  const filter = new Compiler().filter(input, at, 0);
  return 'and' in filter && filter.and.length === 0 ? undefined : filter;
}
