/**
 * API key permissions add up and none implies another: `read` for what only reads, `write`
 * for what changes; the unified operation asks by its `op` kind, not by its POST method.
 */
import { beforeAll, expect, it } from 'vitest';
import { apiKeyOf, createTable } from './database-fixtures';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'API key permissions', (t) => {
  let user: Person;
  let readKey: string;
  let writeKey: string;
  const table = `keyed_${Date.now().toString(36)}`;

  beforeAll(async () => {
    const admin = await setupAdmin(t.client);
    await createTable(t.client, admin, table, [
      { name: 'id', type: 'integer', primary_key: true },
      { name: 'title', type: 'text' },
    ]);
    user = await signUpUser(t.client);
    readKey = await apiKeyOf(t.client, user, ['read']);
    writeKey = await apiKeyOf(t.client, user, ['write']);
  });

  it('a read key reads but cannot write; a write key writes but cannot read', async () => {
    expect((await t.client.get('/auth/user', { apiKey: readKey })).status).toBe(200);
    expect((await t.client.get('/auth/user', { apiKey: writeKey })).status).toBe(403);
    expect((await t.client.post(`/api/tables/${table}/rows`, { id: 1, title: 'a' }, { apiKey: readKey })).status).toBe(
      403,
    );
    expect((await t.client.post(`/api/tables/${table}/rows`, { id: 1, title: 'a' }, { apiKey: writeKey })).status).toBe(
      201,
    );
  });

  it('the unified operation asks for read or write by its kind', async () => {
    const query = await t.client.post(
      '/api/v1/operation',
      { op: 'query', collection: table, limit: 10, offset: 0 },
      { apiKey: readKey },
    );
    expect(query.status).toBe(200);
    expect(query.body.data.data.map((r: { title: string }) => r.title)).toContain('a');
    const write = {
      op: 'write',
      collection: table,
      document: { id: 2, title: 'b' },
      schema_id: 'default',
      schema_version: '1.0',
    };
    const refused = await t.client.post('/api/v1/operation', write, { apiKey: readKey });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      success: false,
      code: 'FORBIDDEN',
      error: { code: 'FORBIDDEN', status: 403 },
    });
    expect(
      (await t.client.post('/api/v1/operation', { op: 'read', collection: table, id: '1' }, { apiKey: writeKey }))
        .status,
    ).toBe(403);
    expect((await t.client.post('/api/v1/operation', write, { apiKey: writeKey })).status).toBe(200);
  });
});
