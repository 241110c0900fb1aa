/**
 * The `rest` handlers, a PostgREST-like interface under `/rest/v1`: HTTP in, one call, HTTP
 * out. Tables and rows go through `RestService` (service.ts), as the caller with row-level
 * security; a table's schema comes from the data core's schema service, and `_query` runs
 * one SQL statement for admins through the SQL runner, exactly as `executeQuery` does.
 */
import { andThen } from '../../awaitable';
import type { ModuleHandlers } from '../../http/handler-types';
import { totalHeader } from '../../http/paging';

/** Every operation of the `rest` tag. */
export const restHandlers: ModuleHandlers<'rest'> = {
  listRestTables: async ({ query, caller, services }) => {
    const { tables, total } = await services.rest.tables(caller, query);
    return { status: 200, body: tables, headers: totalHeader(total) };
  },
  getRestTableSchema: async ({ params, services }) => ({
    status: 200,
    body: await services.schema.tableSchema(params.tableName),
  }),
  runRestQuery: async ({ body, services }) => ({
    status: 200,
    body: await services.sql.execute(body.query, body.params ?? []),
  }),
  // Not async: a read the data core answers at once (a cached table on SQLite) is answered at once.
  queryRestTable: ({ params, query, caller, services, searchParams }) => {
    const { filter, select, order, limit = 50, offset = 0 } = query;
    const page = { filter, select, order, limit, offset };
    return andThen(services.rest.select(caller, params.tableName, page, searchParams), ({ rows, total }) => ({
      status: 200 as const,
      body: { rows, total },
      headers: totalHeader(total),
    }));
  },
  insertRestRows: async ({ params, query, body, headers, caller, services }) => ({
    status: 201,
    body: await services.rest.insert(caller, params.tableName, body, headers.get('prefer'), query.on_conflict),
  }),
  updateRestRows: async ({ params, query, body, caller, services, searchParams }) => ({
    status: 200,
    body: await services.rest.update(caller, params.tableName, query.filter, searchParams, body),
  }),
  deleteRestRows: async ({ params, query, caller, services, searchParams }) => ({
    status: 200,
    body: await services.rest.delete(caller, params.tableName, query.filter, searchParams),
  }),
};
