/**
 * The SQL-injection corpus through every parameter of the data core, on every engine the
 * machine has: table and column names, filter values, projections, sort keys and
 * directions, limits and offsets, inserted and updated values, conflict targets, and the
 * names and defaults of the schema service. Nothing may change but the rows written on
 * purpose, and nothing may leak: no other user's rows, no server table, no secret in an
 * error message.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asHttpError } from '../http/http-error';
import type { Caller } from './caller';
import type { Filter, FilterOp } from './filters';
import { RlsStore } from './policy/store';
import { RowService } from './row-service';
import { SchemaService } from './schema-service';
import { openTestDatabase, type TestDatabase, testEngines } from './test-engines';

const SECRET = 'bob-secret-7f3a';

/** Payloads that would change or reveal something if pasted into SQL. */
const CORPUS = [
  "'; drop table notes; --",
  "' or '1'='1",
  "x' or 1=1 --",
  '" or ""="',
  'notes; drop table notes',
  'notes"; drop table notes; --',
  'notes--',
  'notes/*',
  '*/ select 1 /*',
  `1 union select secret from notes`,
  "') union select owner_id, secret, secret from notes --",
  'id) or (1=1',
  'id as x',
  'notes.secret',
  'ls_users',
  'ls_rls_policies',
  'sqlite_master',
  'information_schema.tables',
  'pg_catalog.pg_user',
  'count(*)',
  '*',
  '$1',
  '?',
  '`id`',
  '[id]',
  '\\',
  "\\'",
  '%',
  '_',
  'id\u0000',
  'ïd',
  '🙂',
  'a'.repeat(70),
  '',
  ' id',
  'ID',
  '1',
  'null',
  'true',
];

const alice: Caller = { kind: 'user', userId: 'alice', email: 'a@x.test', role: 'user' };
const admin: Caller = { kind: 'user', userId: 'root', email: 'r@x.test', role: 'admin' };

async function snapshot(database: TestDatabase): Promise<string> {
  const tables =
    database.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
          database.db,
        );
  const out: Record<string, unknown> = {};
  for (const { name } of tables.rows) {
    // The change log (and its SQLite sequence) records every deliberate write of the corpus;
    // a write the corpus should not have made still shows in the table it changed.
    if (name === 'sink' || name === 'ls_changes') continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(name)}`.execute(database.db);
    out[name] = name === 'sqlite_sequence' ? rows.filter((r) => r.name !== 'ls_changes') : rows;
  }
  return JSON.stringify(out);
}

/** Runs `work` and answers the HTTP status it threw (200 when it did not throw); any other error fails. */
async function statusOf(work: () => unknown): Promise<number> {
  try {
    const result = await work();
    expect(JSON.stringify(result ?? null)).not.toContain(SECRET);
    return 200;
  } catch (error) {
    const known = asHttpError(error);
    if (!known) throw error;
    expect(known.message).not.toContain(SECRET);
    return known.status;
  }
}

describe.each(testEngines)('injection corpus on %s', (engine) => {
  let database: TestDatabase;
  let rows: RowService;
  let schema: SchemaService;
  let before: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const rls = new RlsStore(database.db);
    rows = new RowService(database, rls);
    schema = new SchemaService(database, rows, rls);
    await schema.createTable({
      name: 'notes',
      columns: [
        { name: 'id', type: 'bigint', primary_key: true, nullable: false, unique: false },
        { name: 'owner_id', type: 'text', nullable: false, primary_key: false, unique: false },
        { name: 'secret', type: 'text', nullable: true, primary_key: false, unique: false },
        { name: 'score', type: 'integer', nullable: true, primary_key: false, unique: false },
      ],
    });
    await schema.createTable({
      name: 'sink',
      columns: [{ name: 'value', type: 'text', nullable: true, primary_key: false, unique: false }],
    });
    await rows.insert(admin, 'notes', [
      { id: 1, owner_id: 'alice', secret: 'alice-note', score: 1 },
      { id: 2, owner_id: 'bob', secret: SECRET, score: 2 },
    ]);
    await rls.create('notes', 'own', 'all', 'owner_id = auth.uid()');
    before = await snapshot(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('table names: 404, never an engine error', async () => {
    for (const table of CORPUS) {
      const filter: Filter = { and: [] };
      expect(await statusOf(() => rows.select(alice, { table, limit: 10, offset: 0 })), table).toBe(404);
      expect(await statusOf(() => rows.count(alice, table)), table).toBe(404);
      expect(await statusOf(() => rows.insert(alice, table, [{ owner_id: 'alice' }])), table).toBe(404);
      expect(await statusOf(() => rows.update(alice, table, filter, { secret: 'x' })), table).toBe(404);
      expect(await statusOf(() => rows.delete(alice, table, filter)), table).toBe(404);
      expect(await statusOf(() => rows.getByKey(alice, table, '1')), table).toBe(404);
      expect(await statusOf(() => schema.tableSchema(table)), table).toBe(404);
      expect(await statusOf(() => schema.dropTable(table)), table).toBe(404);
      expect(await statusOf(() => schema.indexes(table)), table).toBe(404);
    }
    expect(await snapshot(database)).toBe(before);
  });

  it('column names in filters, projections, sort keys, writes and conflict targets: 400', async () => {
    for (const column of CORPUS.filter((c) => !['id', 'secret', 'score', 'owner_id'].includes(c))) {
      const base = { table: 'notes', limit: 10, offset: 0 };
      const eq: Filter = { column, op: 'eq', value: 1 };
      expect(await statusOf(() => rows.select(alice, { ...base, filter: eq })), column).toBe(400);
      expect(await statusOf(() => rows.select(alice, { ...base, columns: [column] })), column).toBe(400);
      expect(await statusOf(() => rows.select(alice, { ...base, order: [{ column, direction: 'asc' }] })), column).toBe(
        400,
      );
      expect(await statusOf(() => rows.insert(alice, 'notes', [{ owner_id: 'alice', [column]: 1 }])), column).toBe(400);
      expect(await statusOf(() => rows.update(alice, 'notes', { and: [] }, { [column]: 1 })), column).toBe(400);
      expect(await statusOf(() => rows.delete(alice, 'notes', eq)), column).toBe(400);
      expect(
        await statusOf(() =>
          rows.insert(alice, 'notes', [{ id: 9, owner_id: 'alice' }], { upsert: true, onConflict: [column] }),
        ),
        column,
      ).toBe(400);
      expect(
        await statusOf(() =>
          schema.createIndex('notes', { name: 'ix', columns: [column], unique: false, type: 'btree' }),
        ),
        column,
      ).toBe(400);
    }
    expect(await snapshot(database)).toBe(before);
  });

  it('filter values are bound: they match only what they literally are', async () => {
    const ops: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike'];
    for (const value of CORPUS) {
      for (const op of ops) {
        for (const column of ['owner_id', 'secret']) {
          if (value.includes('\u0000')) {
            // NUL cannot be stored on PostgreSQL: refused on both engines, as a 400.
            const status = await statusOf(() =>
              rows.select(alice, { table: 'notes', filter: { column, op, value }, limit: 1, offset: 0 }),
            );
            expect(status).toBe(400);
            continue;
          }
          const page = await rows.select(alice, {
            table: 'notes',
            filter: { column, op, value },
            limit: 10,
            offset: 0,
          });
          expect(JSON.stringify(page), `${column} ${op} ${value}`).not.toContain(SECRET);
          expect(page.total).toBeLessThanOrEqual(1);
        }
      }
      if (value.includes('\u0000')) continue;
      const inList = await rows.select(alice, {
        table: 'notes',
        filter: { column: 'secret', op: 'in', value: [value, SECRET] },
        limit: 10,
        offset: 0,
      });
      expect(inList.rows).toEqual([]);
      expect(
        await statusOf(() =>
          rows.select(alice, { table: 'notes', filter: { column: 'score', op: 'eq', value }, limit: 1, offset: 0 }),
        ),
      ).not.toBe(500);
      expect(await statusOf(() => rows.getByKey(alice, 'notes', value))).not.toBe(500);
      expect(await statusOf(() => rows.delete(alice, 'notes', { column: 'secret', op: 'eq', value }))).toBe(200);
      expect(
        await statusOf(() => rows.update(alice, 'notes', { column: 'owner_id', op: 'eq', value }, { score: 5 })),
      ).toBe(200);
    }
    expect(await snapshot(database)).toBe(before);
  });

  it('written values are stored as they are', async () => {
    const written = CORPUS.filter((v) => !v.includes('\u0000'));
    const stored = await rows.insert(
      admin,
      'sink',
      written.map((value) => ({ value })),
    );
    expect(stored.map((r) => r.value)).toEqual(written);
    const read = await rows.select(admin, { table: 'sink', columns: ['value'], limit: 1000, offset: 0 });
    expect(read.rows.map((r) => r.value)).toEqual(written);
    expect(await snapshot(database)).toBe(before);
  });

  it('sort directions, limits and offsets that are not what they claim: 400', async () => {
    for (const direction of ['asc; drop table notes', 'desc --', 'ASC', ''] as never[]) {
      expect(
        await statusOf(() =>
          rows.select(admin, { table: 'notes', order: [{ column: 'id', direction }], limit: 1, offset: 0 }),
        ),
      ).toBe(400);
    }
    for (const bad of [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, '1; drop table notes' as never, '10' as never]) {
      expect(await statusOf(() => rows.select(admin, { table: 'notes', limit: bad, offset: 0 }))).toBe(400);
      expect(await statusOf(() => rows.select(admin, { table: 'notes', limit: 1, offset: bad }))).toBe(400);
    }
    expect(
      await statusOf(() =>
        rows.select(admin, {
          table: 'notes',
          filter: { column: 'id', op: 'drop' as never, value: 1 },
          limit: 1,
          offset: 0,
        }),
      ),
    ).toBe(400);
    expect(await snapshot(database)).toBe(before);
  });

  it('schema names and defaults: refused, or quoted as literals', async () => {
    const valid = (name: string) => /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name);
    for (const name of CORPUS) {
      const column = { name: 'x', type: 'text' as const, nullable: true, primary_key: false, unique: false };
      const reserved = /^(_|ls_|sqlite_)/i.test(name) || ['notes', 'sink'].includes(name.toLowerCase());
      const created = await statusOf(() => schema.createTable({ name, columns: [column] }));
      expect(created, name).toBe(
        valid(name) && !reserved ? 200 : reserved && valid(name) ? (name.toLowerCase() === 'notes' ? 409 : 400) : 400,
      );
      if (created === 200) await schema.dropTable(name);
      const withColumn = await statusOf(() => schema.createTable({ name: 'tmp', columns: [{ ...column, name }] }));
      expect(withColumn, name).toBe(valid(name) && name.toLowerCase() !== 'id' ? 200 : 400);
      if (withColumn === 200) await schema.dropTable('tmp');
      expect(await statusOf(() => schema.dropIndex('notes', name)), name).toBe(valid(name) ? 404 : 400);
      const relationship = await statusOf(() =>
        schema.createRelationship('notes', {
          name,
          source_column: 'owner_id',
          target_table: 'sink',
          target_column: 'value',
          on_delete: 'restrict',
        }),
      );
      expect(relationship, name).toBe(valid(name) ? 409 : 400);
    }
    for (const value of CORPUS.filter((v) => !v.includes('\u0000'))) {
      const table = await schema.createTable({
        name: 'defaults',
        columns: [{ name: 'v', type: 'text', nullable: true, primary_key: false, unique: false, default: value }],
      });
      expect(table.columns.find((c) => c.name === 'v')?.default, value).toBe(value);
      const [row] = await rows.insert(admin, 'defaults', [{}]);
      expect(row.v).toBe(value);
      await schema.dropTable('defaults');
    }
    expect(await snapshot(database)).toBe(before);
  });
});
