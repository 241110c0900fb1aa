/**
 * A `Filter` as a Kysely predicate: every column checked against the table's catalogue
 * (400 `INVALID_QUERY` otherwise) and written through `sql.ref`, every value bound.
 */
import { type RawBuilder, sql } from 'kysely';
import type { CatalogueColumn } from '../db/catalogue';
import type { Engine } from '../db/database';
import { type DataError, dataErrors } from './data-error';
import type { Filter, FilterOp } from './filters';
import { toFilterValue } from './values';

/** How deep groups may nest, and how many conditions one filter may hold. */
export const FILTER_LIMITS = { depth: 32, conditions: 1000, inItems: 1000 };

type Predicate = RawBuilder<boolean>;

const COMPARE: Partial<Record<FilterOp, string>> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** Matches every row; `(1 = 1)` reads the same on both engines. */
export const TRUE: Predicate = sql<boolean>`(1 = 1)`;
/** Matches no row. */
export const FALSE: Predicate = sql<boolean>`(1 = 0)`;

function invalid(message: string): DataError {
  return dataErrors.invalidQuery(message);
}

/** A LIKE pattern (`%`, `_`, `\` escapes) as a case-sensitive SQLite GLOB pattern. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += next === '*' || next === '?' || next === '[' ? `[${next}]` : next;
    } else if (c === '%') out += '*';
    else if (c === '_') out += '?';
    else if (c === '*' || c === '?' || c === '[') out += `[${c}]`;
    else out += c;
  }
  return out;
}

class FilterCompiler {
  private conditions = 0;

  constructor(
    private readonly engine: Engine,
    private readonly columns: Map<string, CatalogueColumn>,
  ) {}

  column(name: string): CatalogueColumn {
    const column = typeof name === 'string' ? this.columns.get(name) : undefined;
    if (!column) throw invalid(`The table has no column ${JSON.stringify(String(name))}.`);
    return column;
  }

  node(filter: Filter, depth: number): Predicate {
    if (depth > FILTER_LIMITS.depth) throw invalid(`Filters nest at most ${FILTER_LIMITS.depth} deep.`);
    if (filter === null || typeof filter !== 'object') throw invalid('A filter is an object.');
    if ('column' in filter) return this.condition(filter.column, filter.op, filter.value);
    if ('and' in filter && Array.isArray(filter.and)) return this.group(filter.and, ' AND ', TRUE, depth);
    if ('or' in filter && Array.isArray(filter.or)) return this.group(filter.or, ' OR ', FALSE, depth);
    if ('not' in filter) return sql<boolean>`(NOT ${this.node(filter.not, depth + 1)})`;
    throw invalid('A filter is a condition or an and/or/not group.');
  }

  private group(items: Filter[], separator: string, empty: Predicate, depth: number): Predicate {
    if (items.length === 0) return empty;
    const parts = items.map((item) => this.node(item, depth + 1));
    return sql<boolean>`(${sql.join(parts, sql.raw(separator))})`;
  }

  private condition(name: string, op: FilterOp, value: unknown): Predicate {
    if (++this.conditions > FILTER_LIMITS.conditions)
      throw invalid(`A filter holds at most ${FILTER_LIMITS.conditions} conditions.`);
    const column = this.column(name);
    const ref = sql.ref(column.name);
    const bind = (v: unknown) => toFilterValue(this.engine, column, v);
    const operator = COMPARE[op];
    if (operator) {
      // `= null` matches nothing in SQL; a filter on null means `is null`.
      if (value === null) return op === 'eq' ? sql`(${ref} IS NULL)` : op === 'neq' ? sql`(${ref} IS NOT NULL)` : FALSE;
      return sql<boolean>`(${ref} ${sql.raw(operator)} ${bind(value)})`;
    }
    switch (op) {
      case 'in':
        return this.in(ref, value, bind);
      case 'like':
      case 'ilike':
        return this.like(column, op, value);
      case 'is':
      case 'is_not':
        return this.is(ref, op === 'is_not', value);
      default:
        throw invalid(`Unknown filter operator ${JSON.stringify(String(op))}.`);
    }
  }

  private in(ref: RawBuilder<unknown>, value: unknown, bind: (v: unknown) => unknown): Predicate {
    if (!Array.isArray(value)) throw invalid('The value of `in` is an array.');
    if (value.length > FILTER_LIMITS.inItems) throw invalid(`\`in\` takes at most ${FILTER_LIMITS.inItems} values.`);
    const values = value.filter((v) => v !== null);
    const parts: Predicate[] = [];
    if (values.length > 0) parts.push(sql<boolean>`${ref} IN (${sql.join(values.map(bind))})`);
    if (values.length < value.length) parts.push(sql<boolean>`${ref} IS NULL`);
    return parts.length === 0 ? FALSE : sql<boolean>`(${sql.join(parts, sql.raw(' OR '))})`;
  }

  private like(column: CatalogueColumn, op: 'like' | 'ilike', value: unknown): Predicate {
    if (typeof value !== 'string') throw invalid(`The value of \`${op}\` is a text pattern.`);
    if (value.includes('\0')) throw invalid('A pattern may not contain the NUL character.');
    // A trailing lone escape matches a backslash (PostgreSQL would refuse the pattern).
    const pattern = /(^|[^\\])(\\\\)*\\$/.test(value) ? `${value}\\` : value;
    const ref = sql.ref(column.name);
    if (this.engine === 'sqlite') {
      // SQLite's LIKE ignores ASCII case; GLOB is the case-sensitive match.
      return op === 'like'
        ? sql<boolean>`(${ref} GLOB ${likeToGlob(pattern)})`
        : sql<boolean>`(${ref} LIKE ${pattern} ESCAPE '\\')`;
    }
    const text = column.portable === 'text' ? ref : sql`CAST(${ref} AS TEXT)`;
    return sql<boolean>`(${text} ${sql.raw(op === 'like' ? 'LIKE' : 'ILIKE')} ${pattern})`;
  }

  private is(ref: RawBuilder<unknown>, negated: boolean, value: unknown): Predicate {
    const not = negated ? 'NOT ' : '';
    if (value === null) return sql<boolean>`(${ref} IS ${sql.raw(not)}NULL)`;
    if (value === true) return sql<boolean>`(${ref} IS ${sql.raw(not)}TRUE)`;
    if (value === false) return sql<boolean>`(${ref} IS ${sql.raw(not)}FALSE)`;
    throw invalid('The value of `is` is null, true or false.');
  }
}

/**
 * Compiles `filter` for a table whose columns are `columns`.
 * @example db.selectFrom('posts').selectAll().where(compileFilter({ column: 'id', op: 'eq', value: 1 }, 'sqlite', cols))
 */
export function compileFilter(filter: Filter, engine: Engine, columns: Map<string, CatalogueColumn>): Predicate {
  return new FilterCompiler(engine, columns).node(filter, 0);
}
