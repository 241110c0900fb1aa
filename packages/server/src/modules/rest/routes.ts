/**
 * The `rest` tag: a PostgREST-like interface under `/rest/v1`. Tables and their schema
 * come from the data core's schema service, rows from its row service as the caller
 * (row-level security applies), and `_query` runs one SQL statement for admins through
 * the SQL runner, exactly as `executeQuery` does.
 */
import type { ModuleHandlers } from '../../http/handler-types';
import { pageOf, totalHeader } from '../../http/paging';
import { restRowHandlers } from './row-routes';

type Ops = 'listRestTables' | 'getRestTableSchema' | 'runRestQuery';

const schemaHandlers: Pick<ModuleHandlers<'rest'>, Ops> = {
  listRestTables: async ({ query, caller, services }) => {
    const names = await services.schema.listTables();
    const body = [];
    for (const name of pageOf(names, query)) body.push({ name, row_count: await services.rows.count(caller, name) });
    return { status: 200, body, headers: totalHeader(names.length) };
  },

  getRestTableSchema: async ({ params, services }) => ({
    status: 200,
    body: await services.schema.tableSchema(params.tableName),
  }),

  runRestQuery: async ({ body, services }) => ({
    status: 200,
    body: await services.sql.execute(body.query, body.params ?? []),
  }),
};

/** Every operation of the `rest` tag. */
export const restHandlers: ModuleHandlers<'rest'> = { ...schemaHandlers, ...restRowHandlers };
