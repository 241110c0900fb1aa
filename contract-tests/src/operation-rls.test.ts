import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

const collection = 'rls_op_notes';

contractSuite(import.meta.filename, 'operation: row-level security on the unified pipeline', (t) => {
  let admin: Person;
  let a: Person;
  let b: Person;

  beforeAll(async () => {
    admin = await setupAdmin(t);
    a = await signUpUser(t, 'op-rls-a');
    b = await signUpUser(t, 'op-rls-b');
    // The table is made directly in the database.
    await sql
      .raw(`create table ${collection} (id integer primary key, owner_id text not null, body text)`)
      .execute(t.target.app!.services.database.db);
    for (const operation of ['select', 'insert', 'update', 'delete'] as const) {
      const res = await t.call('createRLSPolicy', {
        params: { path: { tableName: 'rls_op_notes' } },
        body: { name: `own ${operation}`, operation, expression: 'owner_id = auth.uid()' },
        token: admin.token,
      });
      expect(res.status).toBe(201);
    }
    for (const [who, id, body] of [
      [a, 1, 'a1'],
      [a, 2, 'a2'],
      [b, 11, 'b1'],
      [b, 12, 'b2'],
      [b, 13, 'b3'],
    ] as const) {
      const res = await op(who, {
        op: 'write',
        collection,
        document: { id, owner_id: who.id, body },
        schema_id: 'default',
        schema_version: '1.0',
      });
      expect(res.status).toBe(200);
    }
  });

  const op = (who: Person, body: Record<string, unknown>) =>
    t.call('executeOperation', { body: body, token: who.token });

  async function bodies(who: Person): Promise<string[]> {
    const res = await op(who, { op: 'query', collection, order: [{ field: 'id' }] });
    return res.body.data.data.map((r: any) => r.body);
  }

  it('read of someone else’s row is 404, as for a missing row', async () => {
    expect((await op(a, { op: 'read', collection, id: '1' })).body.data.body).toBe('a1');
    const theirs = await op(a, { op: 'read', collection, id: '11' });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ success: false, code: 'NOT_FOUND', error: { code: 'NOT_FOUND', status: 404 } });
    expect(theirs.body.message).toBe(
      (await op(a, { op: 'read', collection, id: '99' })).body.message.replace('99', '11'),
    );
  });

  it('query and its count see only the caller’s rows', async () => {
    const all = await op(a, { op: 'query', collection });
    expect(all.body.data.count).toBe(2);
    expect(all.body.data.data.map((r: any) => r.id)).toEqual([1, 2]);
    const targeted = await op(a, { op: 'query', collection, filter: { body: { $in: ['b1', 'b2', 'b3'] } } });
    expect(targeted.body.data).toEqual({ data: [], count: 0 });
    const paged = await op(a, { op: 'query', collection, limit: 1, offset: 7 });
    expect(paged.body.data).toEqual({ data: [], count: 2 });
    expect((await op(b, { op: 'query', collection })).body.data.count).toBe(3);
    expect((await op(admin, { op: 'query', collection })).body.data.count).toBe(5);
  });

  it('cannot write rows for someone else: 403, nothing written', async () => {
    const forged = await op(a, {
      op: 'write',
      collection,
      document: { id: 20, owner_id: b.id, body: 'forged' },
      schema_id: 'default',
      schema_version: '1.0',
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ success: false, code: 'FORBIDDEN', error: { code: 'FORBIDDEN', status: 403 } });
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    expect((await op(admin, { op: 'query', collection })).body.data.count).toBe(5);
  });

  it('cannot update someone else’s row (404) nor hand its own away (403)', async () => {
    const theirs = await op(a, { op: 'update', collection, id: '12', updates: { body: 'defaced' } });
    expect(theirs.status).toBe(404);
    const giveAway = await op(a, { op: 'update', collection, id: '1', updates: { owner_id: b.id } });
    expect(giveAway.status).toBe(403);
    expect(giveAway.body.error.code).toBe('FORBIDDEN');
    expect(await bodies(a)).toEqual(['a1', 'a2']);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
  });

  it('cannot delete someone else’s row (404); its own goes', async () => {
    const theirs = await op(a, { op: 'delete', collection, id: '13' });
    expect(theirs.status).toBe(404);
    expect(await bodies(b)).toEqual(['b1', 'b2', 'b3']);
    expect((await op(a, { op: 'delete', collection, id: '2' })).status).toBe(200);
    expect(await bodies(a)).toEqual(['a1']);
  });

  it('explain under row-level security shows placeholders, never the caller’s id', async () => {
    const res = await op(a, { op: 'explain', collection, filter: { body: 'b1' } });
    expect(res.status).toBe(200);
    expect(res.body.data.sql).not.toContain(a.id);
    expect(res.body.data.sql).not.toContain('b1');
  });
});
