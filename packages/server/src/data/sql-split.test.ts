import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-split';

describe('splitStatements', () => {
  it.each([
    ['select 1', ['select 1']],
    ['select 1;', ['select 1']],
    ['select 1; select 2', ['select 1', 'select 2']],
    ["select ';'; select 2", ["select ';'", 'select 2']],
    ["select 'it''s; fine'", ["select 'it''s; fine'"]],
    ['select "a;b" from t', ['select "a;b" from t']],
    ['select `a;b`, [c;d] from t', ['select `a;b`, [c;d] from t']],
    ['select 1 -- ; not a statement\n; select 2', ['select 1 -- ; not a statement', 'select 2']],
    ['select /* ; */ 1', ['select /* ; */ 1']],
    ['select $$a;b$$, $tag$c;d$tag$', ['select $$a;b$$, $tag$c;d$tag$']],
    ['select $1, $2', ['select $1, $2']],
    ['  ;  ; -- only comments\n /* x */ ;', []],
    ["select 'unterminated; select 2", ["select 'unterminated; select 2"]],
  ])('%j', (text, want) => {
    expect(splitStatements(text)).toEqual(want);
  });
});
