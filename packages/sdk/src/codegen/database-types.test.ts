import { describe, expect, it } from 'vitest';
import { createClient } from '../client';
import { apiError, fakeFetch, json } from '../testing/fake-fetch';
import { generateDatabaseTypes, renderDatabaseTypes, type TableSchema } from './database-types';

const column = (name: string, type: string, extra: Partial<TableSchema['columns'][number]> = {}) => ({
  name,
  type,
  nullable: false,
  primary_key: false,
  unique: false,
  ...extra,
});

const notes: TableSchema = {
  name: 'notes',
  primary_key: ['id'],
  columns: [
    column('id', 'bigint', { primary_key: true, unique: true }),
    column('title', 'text'),
    column('done', 'boolean', { default: false }),
    column('stars', 'integer', { nullable: true }),
    column('price', 'numeric'),
    column('meta', 'json', { nullable: true }),
    column('created at', 'timestamp'),
    column('shape', 'geometry'),
  ],
};

describe('renderDatabaseTypes', () => {
  const source = renderDatabaseTypes([notes], 'http://localhost:54321');

  it.each([
    { given: 'a non-null text column', want: '      title: string;' },
    { given: 'a nullable integer', want: '      stars: number | null;' },
    { given: 'a numeric (text past double precision)', want: '      price: number | string;' },
    { given: 'a json column', want: '      meta: Json | null;' },
    { given: 'a column name that is no identifier', want: '      "created at": string;' },
    { given: 'an unknown type', want: '      shape: unknown;' },
  ])('Row: $given', ({ want }) => {
    expect(source.split('    Insert')[0]).toContain(want);
  });

  it.each([
    { given: 'a generated integer key', want: '      id?: number;' },
    { given: 'a defaulted column', want: '      done?: boolean;' },
    { given: 'a nullable column', want: '      stars?: number | null;' },
    { given: 'a required column', want: '      title: string;' },
  ])('Insert: $given', ({ want }) => {
    expect(source.split('    Insert')[1].split('    Update')[0]).toContain(want);
  });

  it('Update: every column optional', () => {
    expect(source.split('    Update')[1]).toContain('      title?: string;');
  });

  it('names its source and sorts tables by name', () => {
    const two = renderDatabaseTypes([notes, { ...notes, name: 'authors' }]);
    expect(two.indexOf('  authors: {')).toBeLessThan(two.indexOf('  notes: {'));
    expect(source.split('\n')[0]).toContain('from http://localhost:54321');
  });
});

describe('generateDatabaseTypes', () => {
  it('reads every table and its schema from the server', async () => {
    const fetch = fakeFetch((request) =>
      request.path.startsWith('/rest/v1/_schema/tables/')
        ? json(200, notes)
        : json(200, [{ name: 'notes', row_count: 3 }]),
    );
    const source = await generateDatabaseTypes(createClient({ url: 'http://api.test', fetch, retry: false }));
    expect(fetch.requests.map((r) => r.path)).toEqual([
      '/rest/v1/_schema/tables?limit=1000&offset=0',
      '/rest/v1/_schema/tables/notes',
    ]);
    expect(source).toContain('export type Database = {\n  notes: {');
  });

  it('throws the server error (say, no credentials)', async () => {
    const fetch = fakeFetch(() => apiError(401, 'UNAUTHENTICATED'));
    const client = createClient({ url: 'http://api.test', fetch, retry: false });
    await expect(generateDatabaseTypes(client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
