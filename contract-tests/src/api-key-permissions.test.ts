/**
 * API key permissions add up and none implies another: `read` for what only reads, `write`
 * for what changes; the unified operation asks by its `op` kind, not by its POST method.
 */
import { beforeAll, expect, it } from 'vitest';
import { createTable } from './database-fixtures';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'API key permissions', (t) => {
  let user: Person;
  let readKey: string;
  let writeKey: string;
  const table = `keyed_${Date.now().toString(36)}`;

  beforeAll(async () => {
    const admin = await setupAdmin(t);
    await createTable(t, admin, table, [
      { name: 'id', type: 'integer', primary_key: true },
      { name: 'title', type: 'text' },
    ]);
    user = await signUpUser(t);
    readKey = await createApiKey(t, user, ['read']);
    writeKey = await createApiKey(t, user, ['write']);
  });

  it('a read key reads but cannot write; a write key writes but cannot read', async () => {
    expect((await t.call('getCurrentUser', { apiKey: readKey })).status).toBe(200);
    expect((await t.call('getCurrentUser', { apiKey: writeKey })).status).toBe(403);
    expect(
      (
        await t.call('insertRow', {
          params: { path: { tableName: table } },
          body: { id: 1, title: 'a' },
          apiKey: readKey,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('insertRow', {
          params: { path: { tableName: table } },
          body: { id: 1, title: 'a' },
          apiKey: writeKey,
        })
      ).status,
    ).toBe(201);
  });

  it('the unified operation asks for read or write by its kind', async () => {
    const query = await t.call('executeOperation', {
      body: { op: 'query', collection: table, limit: 10, offset: 0 },
      apiKey: readKey,
    });
    expect(query.status).toBe(200);
    expect(query.body.data.data.map((r: { title: string }) => r.title)).toContain('a');
    const write = {
      op: 'write',
      collection: table,
      document: { id: 2, title: 'b' },
      schema_id: 'default',
      schema_version: '1.0',
    } as const;
    const refused = await t.call('executeOperation', { body: write, apiKey: readKey });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      success: false,
      code: 'FORBIDDEN',
      error: { code: 'FORBIDDEN', status: 403 },
    });
    expect(
      (await t.call('executeOperation', { body: { op: 'read', collection: table, id: '1' }, apiKey: writeKey })).status,
    ).toBe(403);
    expect((await t.call('executeOperation', { body: write, apiKey: writeKey })).status).toBe(200);
  });
});
