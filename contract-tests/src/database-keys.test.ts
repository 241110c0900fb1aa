/**
 * Keys for new rows: a dashboard insert without an id works when the primary key is a uuid
 * (made through the API or with SQL) or an integer, on both engines.
 */
import { expect, it } from 'vitest';
import { setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

contractSuite(import.meta.filename, 'database: generated keys', (t) => {
  it('generates a uuid key, made through createTable, for inserts without one, on every insert route', async () => {
    const admin = await setupAdmin(t);
    const as = { token: admin.token };
    const name = `notes_${Date.now().toString(36)}`;
    const created = await t.call('createTable', {
      body: {
        name,
        columns: [
          { name: 'id', type: 'uuid', primary_key: true },
          { name: 'title', type: 'text' },
        ],
      },
      ...as,
    });
    expect(created.status).toBe(201);
    // databaseService.insertRow sends the bare row; the rest route an array or an object.
    const viaApi = await t.raw.post(`/api/tables/${name}/rows`, { title: 'a' }, as);
    expect(viaApi.status).toBe(201);
    expect(viaApi.body.id).toMatch(UUID);
    const viaRest = await t.raw.post(`/rest/v1/${name}`, { title: 'b' }, as);
    expect(viaRest.status).toBe(201);
    const sql = await t.call('runRestQuery', { body: { query: `insert into ${name} (title) values ('c')` }, ...as });
    expect(sql.status).toBe(200);
    const rows = await t.raw.get(`/rest/v1/${name}?limit=10`, as);
    expect(rows.body.rows.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(UUID), expect.stringMatching(UUID), expect.stringMatching(UUID)]),
    );
    expect(new Set(rows.body.rows.map((r: { id: string }) => r.id)).size).toBe(3);
  });

  it('generates a uuid key for a table made with SQL without a default, and integer keys as identities', async () => {
    const admin = await setupAdmin(t);
    const as = { token: admin.token };
    const uuidTable = `sqlmade_${Date.now().toString(36)}`;
    const ddl = await t.call('runRestQuery', {
      body: { query: `create table ${uuidTable} (id uuid primary key, title text)` },
      ...as,
    });
    expect(ddl.status).toBe(200);
    const row = await t.raw.post(`/api/tables/${uuidTable}/rows`, { title: 'x' }, as);
    expect(row.status).toBe(201);
    expect(row.body.id).toMatch(UUID);
    const intTable = `counted_${Date.now().toString(36)}`;
    await t.call('createTable', {
      body: {
        name: intTable,
        columns: [
          { name: 'id', type: 'integer', primary_key: true },
          { name: 'n', type: 'text' },
        ],
      },
      ...as,
    });
    const first = await t.raw.post(`/api/tables/${intTable}/rows`, { n: 'one' }, as);
    const second = await t.raw.post(`/api/tables/${intTable}/rows`, { n: 'two' }, as);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBeGreaterThan(first.body.id);
  });
});
