/** The filter methods shared by reads, updates and deletes: `eq`, `gt`, `in`, `like`, `is`, ... */
import { type Filter, type FilterOp, filterText, inList } from './filters';
import type { Column } from './types';

/** Collects filters; every method returns the builder, so calls chain. All filters must match. */
export abstract class FilterBuilder<Row> {
  protected readonly filters: Filter[] = [];

  /** Rows whose `column` equals `value`. */
  eq<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'eq', filterText(value));
  }

  /** Rows whose `column` differs from `value`. */
  neq<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'neq', filterText(value));
  }

  /** Rows whose `column` is greater than `value`. */
  gt<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'gt', filterText(value));
  }

  /** Rows whose `column` is greater than or equal to `value`. */
  gte<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'gte', filterText(value));
  }

  /** Rows whose `column` is less than `value`. */
  lt<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'lt', filterText(value));
  }

  /** Rows whose `column` is less than or equal to `value`. */
  lte<K extends Column<Row>>(column: K, value: Row[K]): this {
    return this.where(column, 'lte', filterText(value));
  }

  /** Rows whose `column` matches a pattern, case-sensitive (`%` any run, `_` one character). */
  like(column: Column<Row>, pattern: string): this {
    return this.where(column, 'like', pattern);
  }

  /** Rows whose `column` matches a pattern, ignoring case. */
  ilike(column: Column<Row>, pattern: string): this {
    return this.where(column, 'ilike', pattern);
  }

  /** Rows whose `column` is one of `values`. */
  in<K extends Column<Row>>(column: K, values: readonly Row[K][]): this {
    return this.where(column, 'in', inList(values));
  }

  /** Rows whose `column` is null, true or false. */
  is(column: Column<Row>, value: null | boolean): this {
    return this.where(column, 'is', filterText(value));
  }

  /** Adds one filter. */
  protected where(field: string, op: FilterOp, value: string): this {
    this.filters.push({ field, op, value });
    return this;
  }
}
