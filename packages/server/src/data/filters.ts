/**
 * The data core's filter: one tree every data path (`/api/tables`, `/rest/v1`, the unified
 * operation) translates its own query language into. Column names are checked against the
 * catalogue and values bound as parameters when the row service compiles it.
 */

/** A comparison operator of a condition. `is`/`is_not` take `null`, `true` or `false`. */
export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'like' | 'ilike' | 'is' | 'is_not';

/**
 * A filter: a condition on one column, or `and`/`or`/`not` groups nested at will.
 * `{and: []}` matches every row and `{or: []}` none.
 */
export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  | { column: string; op: FilterOp; value: unknown };

/** Every operator of a condition. */
export const FILTER_OPS: readonly FilterOp[] = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'like',
  'ilike',
  'is',
  'is_not',
];

/** Matches every row. */
export const MATCH_ALL: Filter = { and: [] };
/** Matches no row. */
export const MATCH_NONE: Filter = { or: [] };

/** The column names a filter reads, each once, in order of first appearance. */
export function filterColumns(filter: Filter): string[] {
  const names = new Set<string>();
  const visit = (node: Filter): void => {
    if ('column' in node) names.add(node.column);
    else if ('and' in node) node.and.forEach(visit);
    else if ('or' in node) node.or.forEach(visit);
    else visit(node.not);
  };
  visit(filter);
  return [...names];
}

/** Every condition of `filters` must hold. */
export function allOf(filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0] : { and: filters };
}
