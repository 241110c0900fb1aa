/**
 * A `Filter` written as SQL: every column checked against the table's catalogue (400
 * `INVALID_QUERY` otherwise) and quoted, every value bound.
 */
import type { CatalogueColumn } from '../db/catalogue';
import type { Engine } from '../db/database';
import { SqlText } from '../db/sql-text';
import { type DataError, dataErrors } from './data-error';
import type { Filter, FilterOp } from './filters';
import { toFilterValue } from './values';

/** How deep groups may nest, and how many conditions one filter may hold. */
export const FILTER_LIMITS = { depth: 32, conditions: 1000, inItems: 1000 };

const COMPARE: Partial<Record<FilterOp, string>> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** Matches every row; `(1 = 1)` reads the same on both engines. */
export const TRUE_SQL = '(1 = 1)';
/** Matches no row. */
const FALSE_SQL = '(1 = 0)';

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
    private readonly out: SqlText,
  ) {}

  column(name: string): CatalogueColumn {
    const column = typeof name === 'string' ? this.columns.get(name) : undefined;
    if (!column) throw invalid(`The table has no column ${JSON.stringify(String(name))}.`);
    return column;
  }

  node(filter: Filter, depth: number): SqlText {
    if (depth > FILTER_LIMITS.depth) throw invalid(`Filters nest at most ${FILTER_LIMITS.depth} deep.`);
    if (filter === null || typeof filter !== 'object') throw invalid('A filter is an object.');
    if ('column' in filter) return this.condition(filter.column, filter.op, filter.value);
    if ('and' in filter && Array.isArray(filter.and)) return this.group(filter.and, ' AND ', TRUE_SQL, depth);
    if ('or' in filter && Array.isArray(filter.or)) return this.group(filter.or, ' OR ', FALSE_SQL, depth);
    if ('not' in filter) {
      this.out.write('(NOT ');
      return this.node(filter.not, depth + 1).write(')');
    }
    throw invalid('A filter is a condition or an and/or/not group.');
  }

  private group(items: Filter[], separator: string, empty: string, depth: number): SqlText {
    if (items.length === 0) return this.out.write(empty);
    this.out.write('(');
    items.forEach((item, i) => {
      if (i > 0) this.out.write(separator);
      this.node(item, depth + 1);
    });
    return this.out.write(')');
  }

  private condition(name: string, op: FilterOp, value: unknown): SqlText {
    if (++this.conditions > FILTER_LIMITS.conditions)
      throw invalid(`A filter holds at most ${FILTER_LIMITS.conditions} conditions.`);
    const column = this.column(name);
    const operator = COMPARE[op];
    if (operator) {
      // `= null` matches nothing in SQL; a filter on null means `is null`.
      if (value === null && op !== 'eq' && op !== 'neq') return this.out.write(FALSE_SQL);
      const out = this.out.write('(').identifier(column.name);
      if (value === null) return out.write(op === 'eq' ? ' IS NULL)' : ' IS NOT NULL)');
      return out.write(` ${operator} `).value(this.bind(column, value)).write(')');
    }
    switch (op) {
      case 'in':
        return this.in(column, value);
      case 'like':
      case 'ilike':
        return this.like(column, op, value);
      case 'is':
      case 'is_not':
        return this.is(column, op === 'is_not', value);
      default:
        throw invalid(`Unknown filter operator ${JSON.stringify(String(op))}.`);
    }
  }

  private bind(column: CatalogueColumn, value: unknown): unknown {
    return toFilterValue(this.engine, column, value);
  }

  private in(column: CatalogueColumn, value: unknown): SqlText {
    if (!Array.isArray(value)) throw invalid('The value of `in` is an array.');
    if (value.length > FILTER_LIMITS.inItems) throw invalid(`\`in\` takes at most ${FILTER_LIMITS.inItems} values.`);
    const values = value.filter((v) => v !== null);
    const hasNull = values.length < value.length;
    if (values.length === 0 && !hasNull) return this.out.write(FALSE_SQL);
    this.out.write('(');
    if (values.length > 0) {
      this.out.identifier(column.name).write(' IN (');
      values.forEach((v, i) => {
        if (i > 0) this.out.write(', ');
        this.out.value(this.bind(column, v));
      });
      this.out.write(')');
    }
    if (values.length > 0 && hasNull) this.out.write(' OR ');
    if (hasNull) this.out.identifier(column.name).write(' IS NULL');
    return this.out.write(')');
  }

  private like(column: CatalogueColumn, op: 'like' | 'ilike', value: unknown): SqlText {
    if (typeof value !== 'string') throw invalid(`The value of \`${op}\` is a text pattern.`);
    if (value.includes('\0')) throw invalid('A pattern may not contain the NUL character.');
    // A trailing lone escape matches a backslash (PostgreSQL would refuse the pattern).
    const pattern = /(^|[^\\])(\\\\)*\\$/.test(value) ? `${value}\\` : value;
    const out = this.out.write('(');
    if (this.engine === 'sqlite') {
      // SQLite's LIKE ignores ASCII case; GLOB is the case-sensitive match.
      if (op === 'like') out.identifier(column.name).write(' GLOB ').value(likeToGlob(pattern));
      else out.identifier(column.name).write(' LIKE ').value(pattern).write(" ESCAPE '\\'");
    } else {
      if (column.portable === 'text') out.identifier(column.name);
      else out.write('CAST(').identifier(column.name).write(' AS TEXT)');
      out.write(op === 'like' ? ' LIKE ' : ' ILIKE ').value(pattern);
    }
    return out.write(')');
  }

  private is(column: CatalogueColumn, negated: boolean, value: unknown): SqlText {
    const literal = value === null ? 'NULL' : value === true ? 'TRUE' : value === false ? 'FALSE' : undefined;
    if (!literal) throw invalid('The value of `is` is null, true or false.');
    return this.out
      .write('(')
      .identifier(column.name)
      .write(` IS ${negated ? 'NOT ' : ''}${literal})`);
  }
}

/**
 * Writes `filter`, for a table whose columns are `columns`, as a predicate.
 * @example new SqlText().write('select * from posts where ').append(compileFilter({ column: 'id', op: 'eq', value: 1 }, 'sqlite', cols))
 */
export function compileFilter(filter: Filter, engine: Engine, columns: Map<string, CatalogueColumn>): SqlText {
  return new FilterCompiler(engine, columns, new SqlText()).node(filter, 0);
}
