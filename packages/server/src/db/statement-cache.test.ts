import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

function database() {
  const raw = new SQLite(':memory:');
  raw.exec("create table t (id integer primary key, a text); insert into t values (1, 'x'), (2, 'y')");
  return withStatementCache(raw);
}

describe('withStatementCache', () => {
  it('gives the same statement for the same SQL', () => {
    const db = database();
    expect(db.prepare('select * from t')).toBe(db.prepare('select * from t'));
    expect(db.prepare('select * from t')).not.toBe(db.prepare('select id from t'));
  });

  it('never shares a statement that is still iterating', () => {
    const db = database();
    const first = db.prepare('select * from t') as unknown as SQLite.Statement;
    const rows = first.iterate();
    rows.next();
    const second = db.prepare('select * from t') as unknown as SQLite.Statement;
    expect(second).not.toBe(first);
    expect(second.all()).toHaveLength(2);
    rows.return?.();
  });

  it('sees a schema change through a kept statement', () => {
    const db = database();
    const select = db.prepare('select * from t where id = ?') as unknown as SQLite.Statement;
    expect(select.get(1)).toEqual({ id: 1, a: 'x' });
    (db.prepare("alter table t add column b text default 'z'") as unknown as SQLite.Statement).run();
    expect((db.prepare('select * from t where id = ?') as unknown as SQLite.Statement).get(1)).toEqual({
      id: 1,
      a: 'x',
      b: 'z',
    });
  });
});
