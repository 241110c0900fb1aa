/**
 * The database pages (`/rest/v1`), `databaseService` (`/api/...`), `restApiService` (schema
 * explorer and API keys) and the unified operation (reference §3.4, §3.7, §3.13), as sent.
 */
import { call, type ReplayCall } from './replay-call';
import type { Shape } from './shape';

const column: Shape = { name: 'string', type: 'string', nullable: 'boolean', primary_key: 'boolean' };
const collection: Shape = {
  name: 'string',
  row_count: 'number',
  columns: [{ name: 'string', type: 'string', nullable: 'boolean' }],
};
const apiKey: Shape = {
  id: 'string',
  name: 'string',
  key_prefix: 'string',
  permissions: ['string'],
  created_at: 'string',
};
const suffix = () => Date.now().toString(36);

/** `databaseService`: tables, rows, SQL, statistics, migrations, indexes, relationships. */
export const databaseCalls: ReplayCall[] = [
  call('POST', '/api/tables', async (c) => {
    c.state.authors = `authors_${suffix()}`;
    c.state.table = `tasks_${suffix()}`;
    await c.client.send('POST', '/api/tables', {
      body: {
        name: c.state.authors,
        columns: [
          { name: 'id', type: 'uuid', primary_key: true },
          { name: 'name', type: 'text' },
        ],
      },
    });
    return c.client.send('POST', '/api/tables', {
      body: {
        name: c.state.table,
        columns: [
          { name: 'id', type: 'uuid', primary_key: true },
          { name: 'title', type: 'text', nullable: false },
          { name: 'done', type: 'boolean', default: false },
          { name: 'author_id', type: 'uuid', nullable: true },
        ],
      },
    });
  }),
  call('GET', '/api/tables', (c) => c.client.send('GET', '/api/tables'), ['string']),
  call('GET', '/api/tables/{tableName}/schema', (c) => c.client.send('GET', `/api/tables/${c.state.table}/schema`), {
    name: 'string',
    columns: [column],
  }),
  call(
    'POST',
    '/api/tables/{tableName}/rows',
    async (c) => {
      // The bare row, without an id: the uuid key is generated.
      const reply = await c.client.send('POST', `/api/tables/${c.state.table}/rows`, {
        body: { title: 'first', done: true },
      });
      c.state.rowId = reply.body?.id;
      await c.client.send('POST', `/api/tables/${c.state.table}/rows`, { body: { title: 'second' } });
      return reply;
    },
    { id: 'string', title: 'string' },
  ),
  call(
    'PATCH',
    '/api/tables/{tableName}/rows/{rowId}',
    (c) => c.client.send('PATCH', `/api/tables/${c.state.table}/rows/${c.state.rowId}`, { body: { title: 'renamed' } }),
    { id: 'string', title: 'string' },
  ),
  call(
    'GET',
    '/api/tables/{tableName}/data',
    (c) =>
      c.client.send('GET', `/api/tables/${c.state.table}/data`, {
        query: {
          limit: 50,
          offset: 0,
          order_by: 'title',
          order_dir: 'asc',
          filters: JSON.stringify([{ field: 'done', operator: 'eq', value: true }]),
        },
      }),
    { rows: [{ id: 'string' }], columns: ['string'], total: 'number', limit: 'number', offset: 'number' },
  ),
  call(
    'POST',
    '/api/query',
    (c) => c.client.send('POST', '/api/query', { body: { query: `select id, title from ${c.state.table}` } }),
    {
      rows: ['object'],
      columns: ['string'],
      rowCount: 'number',
      executionTime: 'number',
    },
  ),
  call('GET', '/api/database/stats', (c) => c.client.send('GET', '/api/database/stats'), {
    total_tables: 'number',
    total_rows: 'number',
    database_size: 'number',
    wal_size: 'number',
  }),
  call('POST', '/api/tables/{tableName}/indexes', (c) =>
    c.client.send('POST', `/api/tables/${c.state.table}/indexes`, {
      body: { name: `${c.state.table}_title_idx`, columns: ['title'], unique: false, type: 'btree' },
    }),
  ),
  call('GET', '/api/tables/{tableName}/indexes', (c) => c.client.send('GET', `/api/tables/${c.state.table}/indexes`), [
    { name: 'string', columns: ['string'], unique: 'boolean', type: 'string' },
  ]),
  call('DELETE', '/api/tables/{tableName}/indexes/{indexName}', (c) =>
    c.client.send('DELETE', `/api/tables/${c.state.table}/indexes/${c.state.table}_title_idx`),
  ),
  call('POST', '/api/tables/{tableName}/relationships', (c) =>
    c.client.send('POST', `/api/tables/${c.state.table}/relationships`, {
      body: {
        name: 'task_author',
        source_column: 'author_id',
        target_table: c.state.authors,
        target_column: 'id',
        on_delete: 'set_null',
      },
    }),
  ),
  call(
    'GET',
    '/api/tables/{tableName}/relationships',
    (c) => c.client.send('GET', `/api/tables/${c.state.table}/relationships`),
    [{ name: 'string', source_column: 'string', target_table: 'string', target_column: 'string', on_delete: 'string' }],
  ),
  call('GET', '/api/database/erd', (c) => c.client.send('GET', '/api/database/erd'), {
    tables: [{ name: 'string', columns: [{ name: 'string', type: 'string', primary_key: 'boolean' }] }],
    relationships: [
      { source_table: 'string', source_column: 'string', target_table: 'string', target_column: 'string' },
    ],
  }),
  call(
    'POST',
    '/api/migrations/generate',
    async (c) => {
      c.state.migrated = `labels_${suffix()}`;
      const reply = await c.client.send('POST', '/api/migrations/generate', {
        body: {
          name: `create_${c.state.migrated}`,
          changes: {
            create_tables: [{ name: c.state.migrated, columns: [{ name: 'id', type: 'uuid', primary_key: true }] }],
          },
        },
      });
      c.state.migrationId = reply.body?.id;
      return reply;
    },
    { id: 'any', sql_up: 'string', sql_down: 'string' },
  ),
  call('GET', '/api/migrations', (c) => c.client.send('GET', '/api/migrations'), [
    { id: 'any', name: 'string', status: 'string', sql_up: 'string', sql_down: 'string' },
  ]),
  call('POST', '/api/migrations/{migrationId}/apply', (c) =>
    c.client.send('POST', `/api/migrations/${c.state.migrationId}/apply`),
  ),
  call('POST', '/api/migrations/{migrationId}/rollback', (c) =>
    c.client.send('POST', `/api/migrations/${c.state.migrationId}/rollback`),
  ),
];

/** The database pages: DatabasePage, TableBrowser (indexed filters, limit and offset as strings) and SQLConsole. */
export const databasePageCalls: ReplayCall[] = [
  call('GET', '/rest/v1/_schema/tables', (c) => c.client.send('GET', '/rest/v1/_schema/tables'), [
    { name: 'string', 'row_count?': 'number' },
  ]),
  call(
    'GET',
    '/rest/v1/_schema/tables/{tableName}',
    (c) => c.client.send('GET', `/rest/v1/_schema/tables/${c.state.table}`),
    {
      columns: [{ name: 'string' }],
    },
  ),
  call(
    'GET',
    '/rest/v1/{tableName}',
    (c) =>
      c.client.send('GET', `/rest/v1/${c.state.table}`, {
        query: 'limit=50&offset=0&filter[0][field]=done&filter[0][op]=eq&filter[0][value]=true',
      }),
    { rows: ['object'], total: 'number' },
  ),
  call(
    'POST',
    '/rest/v1/_query',
    (c) => c.client.send('POST', '/rest/v1/_query', { body: { query: `select * from ${c.state.table}` } }),
    {
      rows: ['object'],
      columns: ['string'],
    },
  ),
];

/** `restApiService` (RestApiExplorer): the schema explorer and API keys. */
export const restApiCalls: ReplayCall[] = [
  call('GET', '/api/_schema/collections', (c) => c.client.send('GET', '/api/_schema/collections'), [collection]),
  call(
    'GET',
    '/api/_schema/collections/{name}',
    (c) => c.client.send('GET', `/api/_schema/collections/${c.state.table}`),
    collection,
  ),
  call('GET', '/api/_schema/openapi', (c) => c.client.send('GET', '/api/_schema/openapi'), {
    openapi: 'string',
    paths: 'object',
  }),
  call('GET', '/auth/api-keys/permissions', (c) => c.client.send('GET', '/auth/api-keys/permissions'), [
    { name: 'string', description: 'string' },
  ]),
  call(
    'POST',
    '/auth/api-keys',
    async (c) => {
      const reply = await c.client.send('POST', '/auth/api-keys', {
        body: { name: `explorer-${suffix()}`, permissions: ['read'] },
      });
      c.state.keyId = reply.body?.key?.id;
      return reply;
    },
    { key: apiKey, secret: 'string' },
  ),
  call('GET', '/auth/api-keys', (c) => c.client.send('GET', '/auth/api-keys'), [apiKey]),
  call('DELETE', '/auth/api-keys/{keyId}', (c) => c.client.send('DELETE', `/auth/api-keys/${c.state.keyId}`)),
];

/** RLS policies of `authService` on the replay's table. */
export const rlsCalls: ReplayCall[] = [
  call('POST', '/auth/rls/{tableName}', (c) =>
    c.client.send('POST', `/auth/rls/${c.state.table}`, {
      body: { name: 'own rows', operation: 'select', expression: 'done = false' },
    }),
  ),
  call(
    'GET',
    '/auth/rls/{tableName}',
    async (c) => {
      const reply = await c.client.send('GET', `/auth/rls/${c.state.table}`);
      c.state.policyId = reply.body?.[0]?.id;
      return reply;
    },
    [{ id: 'string', name: 'string', operation: 'string', expression: 'string', enabled: 'boolean' }],
  ),
  call('PATCH', '/auth/rls/{tableName}/{policyId}', (c) =>
    c.client.send('PATCH', `/auth/rls/${c.state.table}/${c.state.policyId}`, { body: { enabled: false } }),
  ),
  call('DELETE', '/auth/rls/{tableName}/{policyId}', (c) =>
    c.client.send('DELETE', `/auth/rls/${c.state.table}/${c.state.policyId}`),
  ),
];

/** `unifiedClient.execute`: a write with the helper's defaults, then the `query()` helper (it reads `data.data`). */
export const operationCalls: ReplayCall[] = [
  call(
    'POST',
    '/api/v1/operation',
    async (c) => {
      const write = await c.client.send('POST', '/api/v1/operation', {
        body: {
          op: 'write',
          collection: c.state.table,
          document: { title: 'via pipeline' },
          schema_id: 'default',
          schema_version: '1.0',
        },
      });
      if (write.status >= 300 || write.body?.success !== true) return write;
      return c.client.send('POST', '/api/v1/operation', {
        body: { op: 'query', collection: c.state.table, filter: { done: { $eq: false } }, limit: 50, offset: 0 },
      });
    },
    { success: 'boolean', data: { data: ['object'] } },
  ),
];

/** The table calls that end the visit: a row, then the tables. */
export const databaseClosingCalls: ReplayCall[] = [
  call('DELETE', '/api/tables/{tableName}/rows/{rowId}', (c) =>
    c.client.send('DELETE', `/api/tables/${c.state.table}/rows/${c.state.rowId}`),
  ),
  call('DELETE', '/api/tables/{tableName}', async (c) => {
    const reply = await c.client.send('DELETE', `/api/tables/${c.state.table}`);
    await c.client.send('DELETE', `/api/tables/${c.state.authors}`);
    return reply;
  }),
];
