/**
 * The row kinds of the unified operation (read, write, update, delete, query, explain):
 * a `collection` is a table, an `id` its primary-key value as text, and every one runs
 * through the data core as the caller, so row-level security applies exactly as on
 * `/api/tables` and `/rest/v1`.
 */
import type { Filter } from '../../data/filters';
import type { OrderBy, RowService } from '../../data/row-service';
import type { Row } from '../../data/values';
import { errors, HttpError } from '../../http/http-error';
import type { KindRunners, RequestOf } from './kinds';
import { mongoToFilter } from './mongo-filter';

type RowKinds = Pick<KindRunners, 'read' | 'write' | 'update' | 'delete' | 'query' | 'explain'>;

function noRow(table: string, id: string): HttpError {
  return errors.notFound(table, `${table} has no row with id ${id}.`);
}

/**
 * The filter that addresses one row by `id`: the key's value as text, or for a composite
 * key a JSON object of its columns (as `write` answers it). Undefined when `id` cannot
 * match any row (text that is not an integer for an integer key).
 */
async function keyFilter(rows: RowService, table: string, id: string): Promise<Filter | undefined> {
  const meta = await rows.table(table);
  if (meta.primaryKey.length <= 1) return rows.keyFilter(meta, id);
  let key: unknown;
  try {
    key = JSON.parse(id);
  } catch {
    key = undefined;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key))
    throw new HttpError(400, 'INVALID_QUERY', `${table} has a composite key: id is a JSON object of its columns.`);
  return rows.keyFilter(meta, key as Row);
}

/** The text form of a row's key (see `keyFilter`). */
function idOf(primaryKey: string[], row: Row): string {
  if (primaryKey.length === 1) return String(row[primaryKey[0]]);
  return JSON.stringify(Object.fromEntries(primaryKey.map((c) => [c, row[c]])));
}

function order(keys: RequestOf<'query'>['order']): OrderBy[] | undefined {
  return keys?.map((k) => ({ column: k.field, direction: k.ascending === false ? 'desc' : 'asc' }));
}

function selectOptions(body: RequestOf<'query'> | RequestOf<'explain'>) {
  return {
    table: body.collection,
    filter: mongoToFilter(body.filter),
    columns: body.select,
    order: order(body.order),
    limit: body.limit ?? 50,
    offset: body.offset ?? 0,
  };
}

/** The row kinds, through `services.rows`. */
export const rowKinds: RowKinds = {
  read: async (body, { caller, services }) => {
    const filter = await keyFilter(services.rows, body.collection, body.id);
    if (!filter) throw noRow(body.collection, body.id);
    const options = { table: body.collection, filter, columns: body.select, limit: 1, offset: 0 };
    const { rows } = await services.rows.select(caller, options);
    if (rows.length === 0) throw noRow(body.collection, body.id);
    return rows[0];
  },

  write: async (body, { caller, services }) => {
    const primaryKey = await services.rows.primaryKey(body.collection);
    if (primaryKey.length === 0)
      throw new HttpError(400, 'INVALID_QUERY', `${body.collection} has no primary key; use /rest/v1 to insert rows.`);
    const [stored] = await services.rows.insert(caller, body.collection, [body.document]);
    return { id: idOf(primaryKey, stored), collection: body.collection, created: true, document: stored };
  },

  update: async (body, { caller, services }) => {
    const filter = await keyFilter(services.rows, body.collection, body.id);
    if (!filter) throw noRow(body.collection, body.id);
    const [updated] = await services.rows.update(caller, body.collection, filter, body.updates);
    if (!updated) throw noRow(body.collection, body.id);
    return updated;
  },

  delete: async (body, { caller, services }) => {
    const filter = await keyFilter(services.rows, body.collection, body.id);
    if (!filter) throw noRow(body.collection, body.id);
    const deleted = await services.rows.delete(caller, body.collection, filter);
    if (deleted.length === 0) throw noRow(body.collection, body.id);
    return { id: body.id, collection: body.collection, deleted: true };
  },

  query: async (body, { caller, services }) => {
    const { rows, total } = await services.rows.select(caller, selectOptions(body));
    return { data: rows, count: total };
  },

  explain: async (body, { caller, services }) => {
    const options = selectOptions(body);
    const { plan, sql } = await services.rows.explain(caller, options);
    return {
      type: 'explain',
      collection: body.collection,
      filter: body.filter ?? {},
      limit: options.limit,
      offset: options.offset,
      sql,
      plan: plan.join('\n'),
    };
  },
};
