import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const table = 'rls_rest_notes';

function byId(id: number): string {
  return `filter[0][field]=id&filter[0][op]=eq&filter[0][value]=${id}`;
}

contractSuite(import.meta.filename, 'rest: row-level security on /rest/v1', (t) => {
  let admin: Person;
  let a: Person;
  let b: Person;
  let aIds: number[];
  let bIds: number[];

  beforeAll(async () => {
    admin = await setupAdmin(t);
    a = await signUpUser(t, 'rls-a');
    b = await signUpUser(t, 'rls-b');
    // The table is made directly in the database.
    await sql
      .raw(`create table ${table} (id integer primary key, owner_id text not null, body text)`)
      .execute(t.target.app!.services.database.db);
    for (const operation of ['select', 'insert', 'update', 'delete'] as const) {
      const res = await t.call('createRLSPolicy', {
        params: { path: { tableName: 'rls_rest_notes' } },
        body: { name: `own ${operation}`, operation, expression: 'owner_id = auth.uid()' },
        token: admin.token,
      });
      expect(res.status).toBe(201);
    }
    const insert = async (who: Person, rows: Record<string, unknown>[]) => {
      const res = await t.call('insertRestRows', {
        params: { path: { tableName: 'rls_rest_notes' } },
        body: rows,
        token: who.token,
      });
      expect(res.status).toBe(201);
      return res.body.rows.map((r: any) => r.id as number);
    };
    aIds = await insert(a, [
      { id: 1, owner_id: a.id, body: 'a1' },
      { id: 2, owner_id: a.id, body: 'a2' },
    ]);
    bIds = await insert(b, [
      { id: 11, owner_id: b.id, body: 'b1' },
      { id: 12, owner_id: b.id, body: 'b2' },
      { id: 13, owner_id: b.id, body: 'b3' },
    ]);
  });

  async function bodies(who: Person): Promise<string[]> {
    const res = await t.call('queryRestTable', {
      params: { path: { tableName: 'rls_rest_notes' }, query: { order: 'id' } },
      token: who.token,
    });
    return res.body.rows.map((r: any) => r.body);
  }

  it('reads only the caller’s rows; totals and table counts never include the others', async () => {
    const mine = await t.call('queryRestTable', { params: { path: { tableName: 'rls_rest_notes' } }, token: a.token });
    expect(mine.body.rows.map((r: any) => r.id)).toEqual(aIds);
    expect(mine.body.total).toBe(2);
    expect(mine.headers.get('x-total-count')).toBe('2');
    const theirs = await t.call('queryRestTable', {
      params: { path: { tableName: 'rls_rest_notes' } },
      rawQuery: `${byId(bIds[0])}`,
      token: a.token,
    });
    expect(theirs.body).toEqual({ rows: [], total: 0 });
    const paged = await t.call('queryRestTable', {
      params: { path: { tableName: 'rls_rest_notes' }, query: { limit: 1, offset: 5 } },
      token: a.token,
    });
    expect(paged.body).toEqual({ rows: [], total: 2 });
    const count = async (who: Person) =>
      (await t.call('listRestTables', { token: who.token })).body.find((r: any) => r.name === table).row_count;
    expect(await count(a)).toBe(2);
    expect(await count(b)).toBe(3);
    expect(await count(admin)).toBe(5);
    expect(
      (await t.call('queryRestTable', { params: { path: { tableName: 'rls_rest_notes' } }, token: admin.token })).body
        .total,
    ).toBe(5);
  });

  it('cannot insert rows for someone else (403, nothing written), nor take a row over by upsert', async () => {
    const forged = await t.call('insertRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { id: 20, owner_id: b.id, body: 'forged' },
      token: a.token,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('FORBIDDEN');
    const mixed = await t.call('insertRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: [
        { id: 21, owner_id: a.id, body: 'ok' },
        { id: 22, owner_id: b.id, body: 'forged' },
      ],
      token: a.token,
    });
    expect(mixed.status).toBe(403);
    const takeover = await t.call('insertRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { id: bIds[0], owner_id: a.id, body: 'mine now' },
      token: a.token,
      headers: { prefer: 'resolution=merge-duplicates' },
    });
    expect(takeover.status).toBe(403);
    expect(await bodies(a)).toEqual(['a1', 'a2']);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    expect(
      (await t.call('queryRestTable', { params: { path: { tableName: 'rls_rest_notes' } }, token: admin.token })).body
        .total,
    ).toBe(5);
  });

  it('cannot update the others’ rows (count 0) nor hand its own rows to them (403)', async () => {
    const theirs = await t.call('updateRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { body: 'defaced' },
      rawQuery: `${byId(bIds[0])}`,
      token: a.token,
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ rows: [], count: 0 });
    const everything = await t.call('updateRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { body: 'touched' },
      rawQuery: 'filter[0][field]=id&filter[0][op]=gte&filter[0][value]=0',
      token: a.token,
    });
    expect(everything.body.count).toBe(2);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    const giveAway = await t.call('updateRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { owner_id: b.id },
      rawQuery: `${byId(aIds[0])}`,
      token: a.token,
    });
    expect(giveAway.status).toBe(403);
    expect(await bodies(a)).toEqual(['touched', 'touched']);
    await t.call('updateRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { body: 'a1' },
      rawQuery: `${byId(aIds[0])}`,
      token: a.token,
    });
    await t.call('updateRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { body: 'a2' },
      rawQuery: `${byId(aIds[1])}`,
      token: a.token,
    });
  });

  it('cannot delete the others’ rows: a broad filter deletes only its own', async () => {
    const theirs = await t.call('deleteRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      rawQuery: `${byId(bIds[1])}`,
      token: a.token,
    });
    expect(theirs.body).toEqual({ rows: [], count: 0 });
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    const created = await t.call('insertRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      body: { id: 30, owner_id: a.id, body: 'temp' },
      token: a.token,
    });
    expect(created.status).toBe(201);
    const broad = await t.call('deleteRestRows', {
      params: { path: { tableName: 'rls_rest_notes' } },
      rawQuery: 'filter[0][field]=body&filter[0][op]=in&filter[0][value]=temp,b3',
      token: a.token,
    });
    expect(broad.body.rows.map((r: any) => r.body)).toEqual(['temp']);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
  });
});
