import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlRunner } from './sql-runner';
import { openTestDatabase, type TestDatabase, testEngines, testPostgresUrl } from './test-engines';

describe.each(testEngines)('SqlRunner on %s', (engine) => {
  let database: TestDatabase;
  let runner: SqlRunner;
  let changes = 0;
  const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    runner = new SqlRunner(
      database,
      {
        databaseUrl: engine === 'postgres' ? testPostgresUrl : undefined,
        pgSchema: database.pgSchema,
        timeoutMs: 1500,
      },
      () => changes++,
    );
    await runner.execute('create table t (id integer primary key, name text, flag boolean)');
  });

  afterAll(async () => {
    await runner?.close();
    await database?.close();
  });

  it('runs statements with bound parameters and answers both spellings', async () => {
    const insert = await runner.execute(`insert into t (id, name, flag) values (${p(1)}, ${p(2)}, ${p(3)})`, [
      1,
      "o'hara",
      true,
    ]);
    expect(insert).toMatchObject({ rows: [], columns: [], rowCount: 1, row_count: 1 });
    const select = await runner.execute(`select id, name from t where name = ${p(1)}`, ["o'hara"]);
    expect(select.rows).toEqual([{ id: 1, name: "o'hara" }]);
    expect(select.columns).toEqual(['id', 'name']);
    expect(select.executionTime).toBe(select.execution_time_ms);
    expect(changes).toBeGreaterThan(0);
  });

  it('answers column names of an empty result', async () => {
    expect((await runner.execute('select id, name from t where id < 0')).columns).toEqual(['id', 'name']);
  });

  it('refuses several statements and SQL that does not parse, with 400', async () => {
    for (const text of ['select 1; select 2', 'selec 1', 'select * from ghosts', '', '-- nothing']) {
      await expect(runner.execute(text)).rejects.toMatchObject({ kind: 'invalid', code: 'INVALID_QUERY' });
    }
  });

  it('explains a statement', async () => {
    const plan = await runner.explain(`select * from t where id = ${p(1)}`, [1]);
    expect(plan.rows.length).toBeGreaterThan(0);
  });

  it('cancels a statement at the timeout (504) and serves the next one', async () => {
    const slow =
      engine === 'postgres'
        ? 'select pg_sleep(10)'
        : 'with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000000) select count(*) from c';
    const started = Date.now();
    await expect(runner.execute(slow)).rejects.toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect((await runner.execute('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('a cancelled write leaves nothing behind', async () => {
    const slowWrite =
      engine === 'postgres'
        ? `insert into t (id, name) select 100, 'ghost' from (select pg_sleep(10)) s`
        : `insert into t (id, name) select 100 + x, 'ghost' from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000000) select x from c)`;
    await expect(runner.execute(slowWrite)).rejects.toMatchObject({ kind: 'timeout' });
    expect((await runner.execute(`select count(*) as n from t where name = 'ghost'`)).rows).toEqual([{ n: 0 }]);
  });
});
