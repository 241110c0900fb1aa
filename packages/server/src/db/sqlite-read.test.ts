import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sqliteRead } from './sqlite-read';
import { withStatementCache } from './statement-cache';
import { QueryTap, type TimedQuery, timedDialect } from './timed-dialect';

function open() {
  const connection = new SQLite(':memory:');
  connection.exec("create table t (id integer primary key, a text); insert into t values (1, 'x')");
  const statements = withStatementCache(connection);
  const tap = new QueryTap();
  const timed: TimedQuery[] = [];
  tap.listener = (q) => timed.push(q);
  const db = new Kysely<any>({ dialect: timedDialect(new SqliteDialect({ database: statements }), tap) });
  return { db, timed, read: sqliteRead(connection, statements, db, tap) };
}

const count = CompiledQuery.raw('select count(*) as n from t', []);

describe('sqliteRead', () => {
  it('reads at once, answering the rows rather than a promise, and times the statement', () => {
    const { read, timed } = open();
    const rows = read<{ a: string }>(CompiledQuery.raw('select a from t where id = ?', [1]));
    expect(rows).not.toBeInstanceOf(Promise);
    expect(rows).toEqual([{ a: 'x' }]);
    expect(timed).toMatchObject([{ sql: 'select a from t where id = ?', parameters: [1], rows: 1, failed: false }]);
  });

  it('waits for an open transaction and never sees its uncommitted rows', async () => {
    const { db, read } = open();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into t values (2, 'y')`.execute(trx);
      inserted();
      await held;
    });
    await insertedYet;
    let seen: unknown;
    const pending = read<{ n: number }>(count);
    expect(pending).toBeInstanceOf(Promise);
    const reading = Promise.resolve(pending).then((rows) => {
      seen = rows[0].n;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toBeUndefined();
    commit();
    await Promise.all([transaction, reading]);
    expect(seen).toBe(2);
  });

  it('fails with the engine error and times the failure', async () => {
    const { read, timed } = open();
    // SQL that does not prepare takes the builder's path, which rejects; a statement that fails as it runs throws at once.
    await expect(read(CompiledQuery.raw('select b from t', []))).rejects.toThrow(/no such column/);
    expect(() =>
      read(CompiledQuery.raw('select cast(? as integer) / 0 from t where abs(?)', [1, -9223372036854775808n])),
    ).toThrow(/overflow/);
    expect(timed).toMatchObject([
      { sql: 'select b from t', failed: true, rows: 0 },
      { failed: true, rows: 0 },
    ]);
  });

  it('builds the rows better-sqlite3 would, and leaves the kept statement giving objects', async () => {
    const { read, db } = open();
    const text = 'select id, a, a as a, count(*) over () as n from t order by id';
    const rows = await read<Record<string, unknown>>(CompiledQuery.raw(text, []));
    expect(rows).toEqual((await db.executeQuery(CompiledQuery.raw(text, []))).rows);
    expect(Object.keys(rows[0])).toEqual(['id', 'a', 'n']);
  });

  it('keeps a column called __proto__ as a column, never as the prototype', async () => {
    const { read } = open();
    const [row] = await read<Record<string, unknown>>(CompiledQuery.raw('select id as "__proto__" from t', []));
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(1);
  });

  it('reads a `*` query as objects, so a column added since is there', async () => {
    const { read, db } = open();
    const all = CompiledQuery.raw('select * from t where id = ?', [1]);
    expect(await read(all)).toEqual([{ id: 1, a: 'x' }]);
    await sql`alter table t add column b text default 'new'`.execute(db);
    expect(await read(all)).toEqual([{ id: 1, a: 'x', b: 'new' }]);
  });

  it('runs a statement that writes through the query builder', async () => {
    const { read } = open();
    await read(CompiledQuery.raw("insert into t values (3, 'z')", []));
    expect(await read(count)).toEqual([{ n: 2 }]);
  });
});
