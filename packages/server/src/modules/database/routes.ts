/**
 * The `database` handlers: tables, rows, raw SQL, migrations, indexes, relationships and the
 * schema explorer; HTTP in, one call to `DatabaseService` (service.ts) or, where it adds no
 * rule, to the data core (`src/data`), HTTP out. Row operations run as the caller under
 * row-level security; schema changes, raw SQL and migrations are admin only (the spec's
 * security, enforced before a handler runs).
 */
import { openapiDocument } from '@lockstep/contract';
import type { ModuleHandlers } from '../../http/handler-types';
import { pageOf, totalHeader } from '../../http/paging';

/** Handlers of every `database` operation. */
export const databaseHandlers: ModuleHandlers<'database'> = {
  getTables: async ({ query, services }) => {
    const names = await services.schema.listTables();
    return { status: 200, body: pageOf(names, query), headers: totalHeader(names.length) };
  },
  createTable: async ({ body, services }) => ({ status: 201, body: await services.schema.createTable(body) }),
  dropTable: async ({ params, services }) => {
    await services.schema.dropTable(params.tableName);
    return { status: 204 };
  },
  getTableSchema: async ({ params, services }) => ({
    status: 200,
    body: await services.schema.tableSchema(params.tableName),
  }),
  getTableData: async ({ params, query, caller, services }) => {
    const page = await services.databaseService.tableData(caller, params.tableName, query);
    return { status: 200, body: page, headers: totalHeader(page.total) };
  },
  insertRow: async ({ params, body, caller, services }) => {
    const [row] = await services.rows.insert(caller, params.tableName, [body]);
    return { status: 201, body: row };
  },
  updateRow: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await services.databaseService.updateRow(caller, params.tableName, params.rowId, body),
  }),
  deleteRow: async ({ params, caller, services }) => {
    await services.databaseService.deleteRow(caller, params.tableName, params.rowId);
    return { status: 204 };
  },
  executeQuery: async ({ body, services }) => ({
    status: 200,
    body: await services.sql.execute(body.query, body.params ?? []),
  }),
  getStatistics: async ({ services }) => ({ status: 200, body: await services.schema.statistics() }),
  getERDData: async ({ services }) => ({ status: 200, body: await services.schema.erd() }),
  getMigrations: async ({ query, services }) => {
    const { migrations, total: n } = await services.migrations.list(query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: migrations, headers: totalHeader(n) };
  },
  generateMigration: async ({ body, services }) => ({ status: 201, body: await services.migrations.generate(body) }),
  applyMigration: async ({ params, services }) => ({
    status: 200,
    body: await services.migrations.apply(params.migrationId),
  }),
  rollbackMigration: async ({ params, services }) => ({
    status: 200,
    body: await services.migrations.rollback(params.migrationId),
  }),
  getIndexes: async ({ params, query, services }) => {
    const indexes = await services.schema.indexes(params.tableName);
    return { status: 200, body: pageOf(indexes, query), headers: totalHeader(indexes.length) };
  },
  createIndex: async ({ params, body, services }) => ({
    status: 201,
    body: await services.schema.createIndex(params.tableName, body),
  }),
  dropIndex: async ({ params, services }) => {
    await services.schema.dropIndex(params.tableName, params.indexName);
    return { status: 204 };
  },
  getRelationships: async ({ params, query, services }) => {
    const keys = await services.schema.relationships(params.tableName);
    return { status: 200, body: pageOf(keys, query), headers: totalHeader(keys.length) };
  },
  createRelationship: async ({ params, body, services }) => ({
    status: 201,
    body: await services.schema.createRelationship(params.tableName, body),
  }),
  getCollections: async ({ query, caller, services }) => {
    const { collections, total } = await services.databaseService.collections(caller, query);
    return { status: 200, body: collections, headers: totalHeader(total) };
  },
  getCollectionSchema: async ({ params, caller, services }) => ({
    status: 200,
    body: await services.schema.collection(caller, params.tableName),
  }),
  getOpenApiSchema: async () => ({ status: 200, body: openapiDocument as never }),
};
