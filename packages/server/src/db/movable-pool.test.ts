import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MovablePool } from './movable-pool';
import { testPostgresUrl, testsUsePostgres } from './test-postgres';

const onPostgres = await testsUsePostgres();

function withName(name: string): string {
  const url = new URL(testPostgresUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

describe.skipIf(!onPostgres)('MovablePool', () => {
  const movable = new MovablePool(withName('first'), { max: 2 });
  afterAll(() => movable.pool.end());

  const serving = async () =>
    (await movable.pool.query<{ name: string }>("select current_setting('application_name') as name")).rows[0].name;

  it('sends new connections to the URL it moved to, and closes the old pool', async () => {
    expect(await serving()).toBe('first');
    const held = await movable.pool.connect();
    const moving = movable.moveTo(withName('second'));
    expect(movable.url).toBe(withName('second'));
    expect(await serving()).toBe('second');
    held.release();
    await moving;
    expect(movable.pool.totalCount).toBe(1);
    expect(movable.pool.constructor).toBe(pg.Pool);
  });

  it('stays where it is when moved to its own URL', async () => {
    await movable.moveTo(movable.url);
    expect(await serving()).toBe('second');
  });
});
