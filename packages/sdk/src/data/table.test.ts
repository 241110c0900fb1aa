import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from '../client';
import { apiError, fakeFetch, json } from '../testing/fake-fetch';

/** A database as `lockstep gen types` writes it. */
type Database = {
  notes: {
    Row: { id: number; title: string; done: boolean; stars: number | null };
    Insert: { id?: number; title: string; done?: boolean; stars?: number | null };
    Update: { id?: number; title?: string; done?: boolean; stars?: number | null };
  };
};

const note = { id: 1, title: 'Hello', done: false, stars: 3 };

function setup(answer: Parameters<typeof fakeFetch>[0] = () => json(200, { rows: [note], total: 7 })) {
  const fetch = fakeFetch(answer);
  return { fetch, client: createClient<Database>({ url: 'http://api.test', fetch, retry: false }) };
}

const query = (path: string) => decodeURIComponent(path.slice(path.indexOf('?') + 1)).split('&');

describe('client.from(table).select()', () => {
  it('reads /rest/v1/{table} with select, filters, order and range', async () => {
    const { fetch, client } = setup();
    const { data, count, error } = await client
      .from('notes')
      .select('id,title')
      .eq('done', false)
      .gte('stars', 3)
      .in('id', [1, 2])
      .order('id')
      .order('title', { ascending: false })
      .range(50, 99);
    expect(error).toBeUndefined();
    expect(data).toEqual([note]);
    expect(count).toBe(7);
    expect(fetch.requests[0].method).toBe('GET');
    expect(fetch.requests[0].path.split('?')[0]).toBe('/rest/v1/notes');
    expect(query(fetch.requests[0].path)).toEqual([
      'filter[0][field]=done',
      'filter[0][op]=eq',
      'filter[0][value]=false',
      'filter[1][field]=stars',
      'filter[1][op]=gte',
      'filter[1][value]=3',
      'filter[2][field]=id',
      'filter[2][op]=in',
      'filter[2][value]=1,2',
      'select=id,title',
      'order=id.asc,title.desc',
      'limit=50',
      'offset=50',
    ]);
  });

  it('select() with no columns reads every column and sends no query', async () => {
    const { fetch, client } = setup();
    await client.from('notes').select();
    expect(fetch.requests[0].path).toBe('/rest/v1/notes');
  });

  it('every filter method sends its operator', async () => {
    const { fetch, client } = setup();
    await client
      .from('notes')
      .select()
      .neq('id', 1)
      .gt('id', 2)
      .lt('id', 9)
      .lte('id', 8)
      .like('title', 'a%')
      .ilike('title', '%B')
      .is('stars', null)
      .limit(5);
    const ops = query(fetch.requests[0].path).filter((part) => part.includes('[op]') || part.includes('[value]'));
    expect(ops.map((part) => part.split('=')[1])).toEqual([
      ...['neq', '1', 'gt', '2', 'lt', '9', 'lte', '8'],
      ...['like', 'a%', 'ilike', '%B', 'is', 'null'],
    ]);
    expect(query(fetch.requests[0].path)).toContain('limit=5');
  });

  it('an HTTP error is data, not a throw', async () => {
    const { client } = setup(() => apiError(400, 'INVALID_QUERY', 'Unknown column "nope".'));
    const { data, error } = await client.from('notes').select().eq('title', 'x');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
  });

  it('runs again each time it is awaited', async () => {
    const { fetch, client } = setup();
    const read = client.from('notes').select().eq('id', 1);
    await read;
    await read;
    expect(fetch.requests).toHaveLength(2);
  });
});

describe('client.from(table) writes', () => {
  const stored = () => json(201, { rows: [note], count: 1 });

  it('insert posts one row or several and answers the stored rows', async () => {
    const { fetch, client } = setup(stored);
    const { data, count } = await client.from('notes').insert([{ title: 'Hello' }, { title: 'Again', done: true }]);
    expect(data).toEqual([note]);
    expect(count).toBe(1);
    expect(fetch.requests[0]).toMatchObject({ method: 'POST', path: '/rest/v1/notes' });
    expect(JSON.parse(fetch.requests[0].body)).toEqual([{ title: 'Hello' }, { title: 'Again', done: true }]);
    expect(fetch.requests[0].headers.get('prefer')).toBeNull();
  });

  it('upsert merges by default, or keeps duplicates, on the columns named', async () => {
    const { fetch, client } = setup(stored);
    await client.from('notes').upsert({ id: 1, title: 'Hello' });
    await client.from('notes').upsert({ title: 'Hello' }, { onConflict: ['title', 'done'], ignoreDuplicates: true });
    expect(fetch.requests[0].path).toBe('/rest/v1/notes');
    expect(fetch.requests[0].headers.get('prefer')).toBe('resolution=merge-duplicates');
    expect(fetch.requests[1].path).toBe('/rest/v1/notes?on_conflict=title%2Cdone');
    expect(fetch.requests[1].headers.get('prefer')).toBe('resolution=ignore-duplicates');
  });

  it('update patches the rows its filters match', async () => {
    const { fetch, client } = setup(() => json(200, { rows: [note], count: 1 }));
    const { count } = await client.from('notes').update({ done: true }).eq('id', 1);
    expect(count).toBe(1);
    expect(fetch.requests[0].method).toBe('PATCH');
    expect(query(fetch.requests[0].path)).toEqual(['filter[0][field]=id', 'filter[0][op]=eq', 'filter[0][value]=1']);
    expect(JSON.parse(fetch.requests[0].body)).toEqual({ done: true });
  });

  it('delete removes the rows its filters match', async () => {
    const { fetch, client } = setup(() => json(200, { rows: [], count: 0 }));
    const { data } = await client.from('notes').delete().in('id', [1, 2]);
    expect(data).toEqual([]);
    expect(fetch.requests[0].method).toBe('DELETE');
    expect(query(fetch.requests[0].path)).toContain('filter[0][value]=1,2');
  });

  it('a write refused by the server answers its error', async () => {
    const { client } = setup(() => apiError(409, 'CONFLICT'));
    const { error } = await client.from('notes').insert({ title: 'Hello' });
    expect(error?.code).toBe('CONFLICT');
  });
});

// Type-level checks: tsc (npm run typecheck) fails when they break; vitest only runs the shell.
describe('types of the data builder', () => {
  it('types rows from the generated Database and refuses unknown tables and columns', () => {
    const { client } = setup();
    const compileOnly = async () => {
      const { data } = await client.from('notes').select('id,title').eq('done', false);
      expectTypeOf(data).toEqualTypeOf<{ id: number; title: string }[] | undefined>();
      const { data: all } = await client.from('notes').select();
      expectTypeOf(all).toEqualTypeOf<Database['notes']['Row'][] | undefined>();
      // @ts-expect-error a misspelled column in select
      await client.from('notes').select('id,tilte');
      // @ts-expect-error a misspelled column in a filter
      await client.from('notes').select().eq('dnoe', false);
      // @ts-expect-error the value's type is the column's
      await client.from('notes').select().eq('done', 'no');
      // @ts-expect-error an unknown table
      client.from('nope');
      // @ts-expect-error insert needs the columns without a default
      await client.from('notes').insert({ done: true });
      // @ts-expect-error order by an unknown column
      await client.from('notes').select().order('created');
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('without generated types, any table and column goes', () => {
    const client = createClient({ url: 'http://api.test', fetch: async () => json(200, {}) });
    const compileOnly = async () => {
      const { data } = await client.from('anything').select('a,b').eq('c', 1);
      expectTypeOf(data).toEqualTypeOf<{ a: unknown; b: unknown }[] | undefined>();
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
