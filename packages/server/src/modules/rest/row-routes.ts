/**
 * `/rest/v1/{tableName}`: read, insert (and upsert), update and delete rows through the
 * data core, as the caller, with row-level security. This file only translates the
 * PostgREST-like query language; names are checked and values bound by the row service.
 */
import type { RowService } from '../../data/row-service';
import type { Row } from '../../data/values';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { totalHeader } from '../../http/paging';
import { combineFilters, parseColumnFilters } from './column-filters';
import { type ColumnTypes, parseOrder, parseRestFilters, parseSelect, upsertOptions } from './query-params';

type Ops = 'queryRestTable' | 'insertRestRows' | 'updateRestRows' | 'deleteRestRows';

async function columnTypes(rows: RowService, table: string): Promise<ColumnTypes> {
  const meta = await rows.table(table);
  return (column) => meta.byName.get(column)?.portable;
}

type FilterSet = Parameters<typeof parseRestFilters>[0];

/** The request's filters in both forms (indexed `filter[i]`, and PostgREST column filters). */
async function filtersOf(rows: RowService, table: string, operationId: Ops, set: FilterSet, request: Request) {
  const types = await columnTypes(rows, table);
  return combineFilters(parseRestFilters(set, types), parseColumnFilters(operationId, new URL(request.url), types));
}

/** The filters of an update or delete: at least one, so a forgotten filter cannot touch every row. */
async function requiredFilter(rows: RowService, table: string, operationId: Ops, set: FilterSet, request: Request) {
  const filter = await filtersOf(rows, table, operationId, set, request);
  if (!filter) throw errors.validation([{ field: 'query.filter', message: 'needs at least one filter' }]);
  return filter;
}

function mutation(rows: Row[]) {
  return { rows, count: rows.length };
}

/** Row handlers of the `rest` tag. */
export const restRowHandlers: Pick<ModuleHandlers<'rest'>, Ops> = {
  queryRestTable: async ({ params, query, caller, services, request }) => {
    const table = params.tableName;
    const filter = await filtersOf(services.rows, table, 'queryRestTable', query.filter, request);
    const { rows, total } = await services.rows.select(caller, {
      table,
      filter,
      columns: parseSelect(query.select),
      order: parseOrder(query.order),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { status: 200, body: { rows, total }, headers: totalHeader(total) };
  },

  insertRestRows: async ({ params, query, body, headers, caller, services }) => {
    const options = upsertOptions(headers.get('prefer'), query.on_conflict);
    const rows = Array.isArray(body) ? body : [body];
    const stored = await services.rows.insert(caller, params.tableName, rows, options);
    return { status: 201, body: mutation(stored) };
  },

  updateRestRows: async ({ params, query, body, caller, services, request }) => {
    const filter = await requiredFilter(services.rows, params.tableName, 'updateRestRows', query.filter, request);
    return { status: 200, body: mutation(await services.rows.update(caller, params.tableName, filter, body)) };
  },

  deleteRestRows: async ({ params, query, caller, services, request }) => {
    const filter = await requiredFilter(services.rows, params.tableName, 'deleteRestRows', query.filter, request);
    return { status: 200, body: mutation(await services.rows.delete(caller, params.tableName, filter)) };
  },
};
