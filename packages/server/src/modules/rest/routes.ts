/**
 * The `rest` tag: a PostgREST-like interface under `/rest/v1`. Tables and their schema
 * come from the catalogue, rows from the data core as the caller (row-level security
 * applies), and `_query` runs SQL as an admin.
 */
import { listTables } from '../../db/catalogue';
import type { ModuleHandlers } from '../../http/handler-types';
import { notImplementedModule } from '../not-implemented';
import { restRowHandlers } from './row-routes';

const pending = notImplementedModule('rest');

type Ops = 'listRestTables' | 'getRestTableSchema' | 'runRestQuery';

const schemaHandlers: Pick<ModuleHandlers<'rest'>, Ops> = {
  listRestTables: async ({ query, caller, services }) => {
    const names = await listTables(services.database);
    const offset = query.offset ?? 0;
    const page = names.slice(offset, offset + (query.limit ?? 50));
    const body = [];
    for (const name of page) body.push({ name, row_count: await services.rows.count(caller, name) });
    return { status: 200, body, headers: { 'X-Total-Count': String(names.length) } };
  },
  getRestTableSchema: pending.getRestTableSchema,
  runRestQuery: pending.runRestQuery,
};

/** Every operation of the `rest` tag. */
export const restHandlers: ModuleHandlers<'rest'> = { ...schemaHandlers, ...restRowHandlers };
