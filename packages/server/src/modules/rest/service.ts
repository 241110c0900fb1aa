/**
 * The rules of `/rest/v1` over the data core: a request's filters are read in both forms
 * (the indexed `filter[i]` and PostgREST's column filters) against the table's columns, and
 * an update or delete without a filter is refused, so a forgotten filter cannot touch every
 * row. Rows are read and written as the caller, with row-level security; names are checked
 * and values bound by the row service.
 */
import type { components } from '@lockstep/contract';
import { type Awaitable, andThen } from '../../awaitable';
import type { Caller } from '../../data/caller';
import type { RowService, SelectResult } from '../../data/row-service';
import type { SchemaService } from '../../data/schema-service';
import type { TableMeta } from '../../data/table-cache';
import type { Row } from '../../data/values';
import { errors } from '../../http/http-error';
import { pageOf } from '../../http/paging';
import { combineFilters, parseColumnFilters } from './column-filters';
import { type ColumnTypes, parseOrder, parseRestFilters, parseSelect, upsertOptions } from './query-params';

/** The request's query parameters, in order (`HandlerContext.searchParams`). */
type SearchParams = Iterable<[string, string]>;

/** The indexed filters of a request (`filter[0][column]=...`). */
export type FilterSet = components['schemas']['RestFilterSet'] | undefined;

/** What a read asks for, in the PostgREST-like query language. */
export interface RestQuery {
  filter?: FilterSet;
  select?: string;
  order?: string;
  limit: number;
  offset: number;
}

/** The operations whose query parameters may hold column filters besides their own. */
type FilteredOperation = 'queryRestTable' | 'updateRestRows' | 'deleteRestRows';

function mutation(rows: Row[]) {
  return { rows, count: rows.length };
}

/** Tables and rows under `/rest/v1`. */
export class RestService {
  constructor(
    private readonly rows: RowService,
    private readonly schema: SchemaService,
  ) {}

  /** A page of the tables, each with the rows the caller may see, and how many tables there are. */
  async tables(caller: Caller, page: { limit?: number; offset?: number }) {
    const names = await this.schema.listTables();
    const tables = [];
    for (const name of pageOf(names, page)) tables.push({ name, row_count: await this.rows.count(caller, name) });
    return { tables, total: names.length };
  }

  /**
   * The rows of `table` the caller may see that match the request's filters (`searchParams`
   * hold the column filters); at once when nothing had to wait (`RowService.select`). A bad
   * request rejects.
   */
  select(caller: Caller, table: string, query: RestQuery, searchParams: SearchParams): Awaitable<SelectResult> {
    try {
      return andThen(this.rows.table(table), (meta) =>
        this.rows.select(caller, {
          table,
          filter: this.filtersOf(meta, 'queryRestTable', query.filter, searchParams),
          columns: parseSelect(query.select),
          order: parseOrder(query.order),
          limit: query.limit,
          offset: query.offset,
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Inserts one row or many; `prefer` and `onConflict` turn it into an upsert. */
  async insert(caller: Caller, table: string, body: Row | Row[], prefer: string | null, onConflict?: string) {
    const rows = Array.isArray(body) ? body : [body];
    return mutation(await this.rows.insert(caller, table, rows, upsertOptions(prefer, onConflict)));
  }

  /** Changes the rows that match the request's filters; 400 without a filter. */
  async update(caller: Caller, table: string, filter: FilterSet, searchParams: SearchParams, changes: Row) {
    const where = await this.requiredFilter(table, 'updateRestRows', filter, searchParams);
    return mutation(await this.rows.update(caller, table, where, changes));
  }

  /** Deletes the rows that match the request's filters; 400 without a filter. */
  async delete(caller: Caller, table: string, filter: FilterSet, searchParams: SearchParams) {
    return mutation(
      await this.rows.delete(caller, table, await this.requiredFilter(table, 'deleteRestRows', filter, searchParams)),
    );
  }

  /** The request's filters in both forms (indexed `filter[i]`, and PostgREST column filters), typed by `meta`'s columns. */
  private filtersOf(meta: TableMeta, operationId: FilteredOperation, set: FilterSet, searchParams: SearchParams) {
    const types: ColumnTypes = (column) => meta.byName.get(column)?.portable;
    return combineFilters(parseRestFilters(set, types), parseColumnFilters(operationId, searchParams, types));
  }

  /** The filters of an update or delete: at least one, so a forgotten filter cannot touch every row. */
  private async requiredFilter(
    table: string,
    operationId: FilteredOperation,
    set: FilterSet,
    searchParams: SearchParams,
  ) {
    const filter = this.filtersOf(await this.rows.table(table), operationId, set, searchParams);
    if (!filter) throw errors.validation([{ field: 'query.filter', message: 'needs at least one filter' }]);
    return filter;
  }
}
