import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const table = 'rls_rest_notes';
const path = `/rest/v1/${table}`;

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
    admin = await setupAdmin(t.client);
    a = await signUpUser(t.client, 'rls-a');
    b = await signUpUser(t.client, 'rls-b');
    // The table is made directly in the database.
    await sql
      .raw(`create table ${table} (id integer primary key, owner_id text not null, body text)`)
      .execute(t.target.app!.services.database.db);
    for (const operation of ['select', 'insert', 'update', 'delete']) {
      const res = await t.client.post(
        `/auth/rls/${table}`,
        { name: `own ${operation}`, operation, expression: 'owner_id = auth.uid()' },
        { token: admin.token },
      );
      expect(res.status).toBe(201);
    }
    const insert = async (who: Person, rows: Record<string, unknown>[]) => {
      const res = await t.client.post(path, rows, { token: who.token });
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
    const res = await t.client.get(`${path}?order=id`, { token: who.token });
    return res.body.rows.map((r: any) => r.body);
  }

  it('reads only the caller’s rows; totals and table counts never include the others', async () => {
    const mine = await t.client.get(path, { token: a.token });
    expect(mine.body.rows.map((r: any) => r.id)).toEqual(aIds);
    expect(mine.body.total).toBe(2);
    expect(mine.headers.get('x-total-count')).toBe('2');
    const theirs = await t.client.get(`${path}?${byId(bIds[0])}`, { token: a.token });
    expect(theirs.body).toEqual({ rows: [], total: 0 });
    const paged = await t.client.get(`${path}?limit=1&offset=5`, { token: a.token });
    expect(paged.body).toEqual({ rows: [], total: 2 });
    const count = async (who: Person) =>
      (await t.client.get('/rest/v1/_schema/tables', { token: who.token })).body.find((r: any) => r.name === table)
        .row_count;
    expect(await count(a)).toBe(2);
    expect(await count(b)).toBe(3);
    expect(await count(admin)).toBe(5);
    expect((await t.client.get(path, { token: admin.token })).body.total).toBe(5);
  });

  it('cannot insert rows for someone else (403, nothing written), nor take a row over by upsert', async () => {
    const forged = await t.client.post(path, { id: 20, owner_id: b.id, body: 'forged' }, { token: a.token });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('FORBIDDEN');
    const mixed = await t.client.post(
      path,
      [
        { id: 21, owner_id: a.id, body: 'ok' },
        { id: 22, owner_id: b.id, body: 'forged' },
      ],
      { token: a.token },
    );
    expect(mixed.status).toBe(403);
    const takeover = await t.client.post(
      path,
      { id: bIds[0], owner_id: a.id, body: 'mine now' },
      {
        token: a.token,
        headers: { prefer: 'resolution=merge-duplicates' },
      },
    );
    expect(takeover.status).toBe(403);
    expect(await bodies(a)).toEqual(['a1', 'a2']);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    expect((await t.client.get(path, { token: admin.token })).body.total).toBe(5);
  });

  it('cannot update the others’ rows (count 0) nor hand its own rows to them (403)', async () => {
    const theirs = await t.client.patch(`${path}?${byId(bIds[0])}`, { body: 'defaced' }, { token: a.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ rows: [], count: 0 });
    const everything = await t.client.patch(
      `${path}?filter[0][field]=id&filter[0][op]=gte&filter[0][value]=0`,
      { body: 'touched' },
      { token: a.token },
    );
    expect(everything.body.count).toBe(2);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    const giveAway = await t.client.patch(`${path}?${byId(aIds[0])}`, { owner_id: b.id }, { token: a.token });
    expect(giveAway.status).toBe(403);
    expect(await bodies(a)).toEqual(['touched', 'touched']);
    await t.client.patch(`${path}?${byId(aIds[0])}`, { body: 'a1' }, { token: a.token });
    await t.client.patch(`${path}?${byId(aIds[1])}`, { body: 'a2' }, { token: a.token });
  });

  it('cannot delete the others’ rows: a broad filter deletes only its own', async () => {
    const theirs = await t.client.delete(`${path}?${byId(bIds[1])}`, { token: a.token });
    expect(theirs.body).toEqual({ rows: [], count: 0 });
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    const created = await t.client.post(path, { id: 30, owner_id: a.id, body: 'temp' }, { token: a.token });
    expect(created.status).toBe(201);
    const broad = await t.client.delete(`${path}?filter[0][field]=body&filter[0][op]=in&filter[0][value]=temp,b3`, {
      token: a.token,
    });
    expect(broad.body.rows.map((r: any) => r.body)).toEqual(['temp']);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
  });
});
