/**
 * The rules of the `database` tag over the data core (`src/data`: rows, schema, SQL,
 * migrations, shared with rest/ and realtime/): a page of a table's rows, a row addressed by
 * its key, and the collections view; everything else is one data-core call.
 */
import type { Caller } from '../../data/caller';
import type { RowKey, RowService, SelectResult } from '../../data/row-service';
import type { SchemaService } from '../../data/schema-service';
import type { Row } from '../../data/values';
import { errors } from '../../http/http-error';
import { type PageQuery, pageOf } from '../../http/paging';
import { parseFiltersParam } from './filters-param';

/** The query of `getTableData`. */
export interface TableDataQuery {
  /** A JSON array of `DatabaseFilterItem`. */
  filters?: string;
  order_by?: string;
  /** @default 'asc' */
  order_dir?: 'asc' | 'desc';
  /** @default 50 */
  limit?: number;
  /** @default 0 */
  offset?: number;
}

/** The `database` tag's rules. */
export class DatabaseService {
  constructor(
    private readonly rows: RowService,
    private readonly schema: SchemaService,
  ) {}

  /** One page of `table`'s rows the caller may read, with the page's bounds. */
  async tableData(caller: Caller, table: string, query: TableDataQuery): Promise<SelectResult & Required<PageQuery>> {
    const meta = await this.rows.table(table);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const result = await this.rows.select(caller, {
      table: meta.name,
      filter: parseFiltersParam(query.filters),
      order: query.order_by ? [{ column: query.order_by, direction: query.order_dir ?? 'asc' }] : undefined,
      limit,
      offset,
    });
    return { ...result, limit, offset };
  }

  /** Updates the row `rowId` of `table`; 404 when the caller sees no such row. */
  async updateRow(caller: Caller, table: string, rowId: RowKey, changes: Row): Promise<Row> {
    const meta = await this.rows.table(table);
    const filter = this.rows.keyFilter(meta, rowId);
    const [row] = filter ? await this.rows.update(caller, meta.name, filter, changes) : [];
    if (!row) throw errors.notFound('Row');
    return row;
  }

  /** Deletes the row `rowId` of `table`; 404 when the caller sees no such row. */
  async deleteRow(caller: Caller, table: string, rowId: RowKey): Promise<void> {
    const meta = await this.rows.table(table);
    const filter = this.rows.keyFilter(meta, rowId);
    const deleted = filter ? await this.rows.delete(caller, meta.name, filter) : [];
    if (deleted.length === 0) throw errors.notFound('Row');
  }

  /** One page of the tables as collections, and how many tables there are. */
  async collections(caller: Caller, query: PageQuery) {
    const names = await this.schema.listTables();
    const collections = [];
    for (const name of pageOf(names, query)) collections.push(await this.schema.collection(caller, name));
    return { collections, total: names.length };
  }
}
