/**
 * The text of a read's `select` list and `order by`, checked against the table's columns and
 * kept per table description: a lookup by key asks for the same columns in the same order
 * every time, and writing them again (checking each name, quoting it, choosing its null
 * order) cost more than a map lookup. A schema change makes a new description (`TableCache`),
 * so text kept for the old one is never used again; only text that passed the checks is kept.
 */
import type { CatalogueColumn } from '../db/catalogue';
import { quoteIdentifier } from '../db/sql-text';
import { dataErrors } from './data-error';
import type { TableMeta } from './table-cache';

/** A sort key. */
export interface OrderBy {
  column: string;
  direction: 'asc' | 'desc';
}

/** The columns a read returns, and its select list as SQL. */
export interface SelectList {
  columns: string[];
  /** `"a", "b"`: the names quoted. */
  text: string;
}

/** The most texts kept for one table description (distinct column lists and orders asked). */
const KEPT_PER_TABLE = 100;

/** The column called `name`; 400 INVALID_QUERY when the table has none. */
export function columnOf(meta: TableMeta, name: string): CatalogueColumn {
  const column = typeof name === 'string' ? meta.byName.get(name) : undefined;
  if (!column) throw dataErrors.invalidQuery(`The table ${meta.name} has no column ${JSON.stringify(String(name))}.`);
  return column;
}

/**
 * PostgreSQL's default null order, on both engines: last ascending, first descending. A
 * column that cannot hold null needs no null order, and without one SQLite can walk an
 * index in order instead of sorting (a lookup by key was a third slower with it).
 */
function orderKeyword(column: CatalogueColumn, direction: 'asc' | 'desc'): string {
  if (!column.nullable) return direction === 'asc' ? 'ASC' : 'DESC';
  return direction === 'asc' ? 'ASC NULLS LAST' : 'DESC NULLS FIRST';
}

function selectList(meta: TableMeta, asked: string[] | undefined): SelectList {
  const columns = (asked ?? meta.columns.map((c) => c.name)).map((c) => columnOf(meta, c).name);
  if (columns.length === 0) throw dataErrors.invalidQuery('Select at least one column.');
  return { columns, text: columns.map(quoteIdentifier).join(', ') };
}

/** The sort keys as SQL: the primary key breaks ties, and orders rows when none is asked. */
function orderText(meta: TableMeta, order: OrderBy[] | undefined): string {
  const keys = (order ?? []).map((o) => {
    const column = columnOf(meta, o.column);
    if (o.direction !== 'asc' && o.direction !== 'desc') throw dataErrors.invalidQuery('The direction is asc or desc.');
    return { column, direction: o.direction };
  });
  for (const key of meta.primaryKey)
    if (!keys.some((k) => k.column.name === key)) keys.push({ column: columnOf(meta, key), direction: 'asc' });
  return keys.map((k) => `${quoteIdentifier(k.column.name)} ${orderKeyword(k.column, k.direction)}`).join(', ');
}

/** Select lists and orders, kept per table description. */
export class SelectTexts {
  private readonly kept = new WeakMap<TableMeta, { lists: Map<string, SelectList>; orders: Map<string, string> }>();

  /** The select list for `columns` (every column when absent); 400 for a column the table lacks. */
  list(meta: TableMeta, columns: string[] | undefined): SelectList {
    const lists = this.of(meta).lists;
    const key = columns === undefined ? '*' : JSON.stringify(columns);
    let list = lists.get(key);
    if (list === undefined) {
      list = selectList(meta, columns);
      keep(lists, key, list);
    }
    return list;
  }

  /** The `order by` text for `order` (the primary key's when absent; empty when no key orders rows). */
  order(meta: TableMeta, order: OrderBy[] | undefined): string {
    const orders = this.of(meta).orders;
    const key = order === undefined || order.length === 0 ? '' : JSON.stringify(order);
    let text = orders.get(key);
    if (text === undefined) {
      text = orderText(meta, order);
      keep(orders, key, text);
    }
    return text;
  }

  private of(meta: TableMeta) {
    let texts = this.kept.get(meta);
    if (!texts) {
      texts = { lists: new Map(), orders: new Map() };
      this.kept.set(meta, texts);
    }
    return texts;
  }
}

function keep<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= KEPT_PER_TABLE) map.clear();
  map.set(key, value);
}
