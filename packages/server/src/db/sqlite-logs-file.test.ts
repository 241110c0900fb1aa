import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LogsStore } from '../modules/observability/logs/store';
import { openDatabase } from './database';
import { down } from './migrations/0014-sqlite-logs-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logs-file-'));
  dirs.push(dir);
  return dir;
}

const tablesOf = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  const names = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
  db.close();
  return names;
};

describe('the SQLite logs file', () => {
  it('keeps ls_logs in logs.db, found by its plain name, and not in the database file', async () => {
    const dir = dataDir();
    const database = await openDatabase({ dataDir: dir });
    const store = new LogsStore(database.db, 'sqlite');
    await store.insert([{ seq: 1, ts: 5, level: 'info', module: 'm', message: 'kept' }]);
    expect((await store.page({}, 10, 0)).entries.map((e) => e.message)).toEqual(['kept']);
    await database.close();
    expect(tablesOf(join(dir, 'lockstep.db'))).not.toContain('ls_logs');
    expect(tablesOf(database.logsFile!)).toContain('ls_logs');
  });

  it('moves the lines a database kept before into the file', async () => {
    const dir = dataDir();
    const first = await openDatabase({ dataDir: dir });
    await first.close();
    // The database as it was before migration 0014: its own ls_logs, holding lines; no logs file yet.
    const file = new SQLite(join(dir, 'lockstep.db'));
    file.exec(`create table ls_logs (id integer primary key autoincrement, ts bigint not null, level text not null,
      level_num integer not null, module text not null, message text not null, request_id text, fields text);
      insert into ls_logs (ts, level, level_num, module, message) values (1, 'info', 1, 'm', 'old one'), (2, 'warn', 2, 'm', 'old two');
      delete from ls_migrations where name = '0014-sqlite-logs-file';`);
    file.close();
    rmSync(join(dir, 'logs.db'));
    const database = await openDatabase({ dataDir: dir });
    const { entries, total } = await new LogsStore(database.db, 'sqlite').page({}, 10, 0);
    await database.close();
    expect(total).toBe(2);
    expect(entries.map((e) => e.message)).toEqual(['old two', 'old one']);
    expect(tablesOf(join(dir, 'lockstep.db'))).not.toContain('ls_logs');
    expect(existsSync(database.logsFile!)).toBe(true);
  });

  it('gives the database its own ls_logs back, lines included, when migration 0014 is undone', async () => {
    const dir = dataDir();
    const database = await openDatabase({ dataDir: dir });
    await new LogsStore(database.db, 'sqlite').insert([{ seq: 1, ts: 5, level: 'warn', module: 'm', message: 'kept' }]);
    await down(database.db);
    await database.close();
    const file = new SQLite(join(dir, 'lockstep.db'), { readonly: true });
    const rows = file.prepare('select level, level_num, message from ls_logs').all();
    const indexes = file
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'ls_logs'")
      .pluck()
      .all();
    file.close();
    expect(rows).toEqual([{ level: 'warn', level_num: 2, message: 'kept' }]);
    expect(indexes).toEqual(expect.arrayContaining(['ls_logs_ts', 'ls_logs_module']));
  });
});
