import { describe, expect, it } from 'vitest';
import { patternOf, typeOf } from './sql-pattern';

describe('patternOf', () => {
  const cases: [string, string][] = [
    ["select * from t where a = 'x''y' and b = 42", 'select * from t where a = ? and b = ?'],
    ['select * from "t2" where id in ($1, $2, $3)', 'select * from "t2" where id in (?)'],
    ['insert into t (a) values (?, ?)', 'insert into t (a) values (?)'],
    ['select  *\n from t where x = -1.5', 'select * from t where x = ?'],
  ];
  for (const [given, want] of cases) it(given, () => expect(patternOf(given)).toBe(want));
});

describe('typeOf', () => {
  it('reads the first keyword', () => {
    expect(typeOf(' SELECT 1')).toBe('SELECT');
    expect(typeOf('delete from t')).toBe('DELETE');
    expect(typeOf('with x as (select 1) insert into t select * from x')).toBe('INSERT');
    expect(typeOf('pragma foo')).toBe('OTHER');
  });
});
