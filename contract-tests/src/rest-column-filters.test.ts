/**
 * `/rest/v1` as a curl user tries it: PostgREST column filters (`done=eq.true`) filter
 * like the dashboard's indexed form, mix with it, and an unknown query parameter is a 400
 * naming it instead of being ignored.
 */
import { beforeAll, expect, it } from 'vitest';
import { type Person, setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'rest: PostgREST column filters', (t) => {
  let admin: Person;
  const table = `todo_${Date.now().toString(36)}`;
  const rows = (query: string) => t.raw.get(`/rest/v1/${table}?${query}`, { token: admin.token });
  const titles = async (query: string) => (await rows(query)).body.rows.map((r: { title: string }) => r.title).sort();

  beforeAll(async () => {
    admin = await setupAdmin(t);
    const columns = [
      { name: 'id', type: 'integer', primary_key: true },
      { name: 'title', type: 'text' },
      { name: 'done', type: 'boolean' },
      { name: 'rank', type: 'integer' },
      { name: 'note', type: 'text', nullable: true },
    ] as const;
    await t.call('createTable', { body: { name: table, columns: [...columns] }, token: admin.token });
    const data = [
      { title: 'alpha', done: true, rank: 1, note: null },
      { title: 'beta', done: false, rank: 2, note: 'b' },
      { title: 'gamma', done: true, rank: 3, note: 'g' },
    ];
    await t.raw.post(`/rest/v1/${table}`, data, { token: admin.token });
  });

  it('filters by every op of the column form', async () => {
    expect(await titles('done=eq.true')).toEqual(['alpha', 'gamma']);
    expect(await titles('done=neq.true')).toEqual(['beta']);
    expect(await titles('rank=gt.1')).toEqual(['beta', 'gamma']);
    expect(await titles('rank=gte.2&rank=lte.2')).toEqual(['beta']);
    expect(await titles('rank=lt.2')).toEqual(['alpha']);
    expect(await titles('title=like.*et*')).toEqual(['beta']);
    expect(await titles('title=ilike.G*')).toEqual(['gamma']);
    expect(await titles('title=in.(alpha,gamma)')).toEqual(['alpha', 'gamma']);
    expect(await titles('note=is.null')).toEqual(['alpha']);
  });

  it('answers the same shape as the indexed form, and ANDs the two forms', async () => {
    const column = await rows('done=eq.true');
    const indexed = await rows('filter[0][field]=done&filter[0][op]=eq&filter[0][value]=true');
    expect(column.status).toBe(200);
    expect(column.body).toEqual(indexed.body);
    expect(await titles('done=eq.true&filter[0][field]=rank&filter[0][op]=gt&filter[0][value]=1')).toEqual(['gamma']);
  });

  it('answers 400 naming an unknown parameter, a bad op or a value of the wrong type, and changes nothing', async () => {
    for (const [query, field] of [
      ['colour=eq.red', 'query.colour'],
      ['done=maybe.true', 'query.done'],
      ['rank=eq.high', 'query.rank'],
      ['done=true', 'query.done'],
      ['title=in.alpha', 'query.title'],
    ]) {
      const res = await rows(query);
      expect(res.status, query).toBe(400);
      expect(res.body.details[0].field, query).toBe(field);
    }
    const del = await t.raw.delete(`/rest/v1/${table}?colour=eq.red`, { token: admin.token });
    expect(del.status).toBe(400);
    const patched = await t.raw.patch(`/rest/v1/${table}?title=eq.beta`, { done: true }, { token: admin.token });
    expect(patched.body.count).toBe(1);
    const deleted = await t.raw.delete(`/rest/v1/${table}?title=eq.beta`, { token: admin.token });
    expect(deleted.body.count).toBe(1);
    expect(await titles('order=title')).toEqual(['alpha', 'gamma']);
  });
});
