import { describe, expect, it } from 'vitest';
import { defaultSql, defaultValueOf, quoteLiteral } from './column-types';
import { likeToGlob } from './compile-filter';

describe('defaultSql', () => {
  it.each([
    ['sqlite', 'boolean', false, '0'],
    ['postgres', 'boolean', true, 'true'],
    ['sqlite', 'integer', 42, '42'],
    ['postgres', 'real', 1.5, '1.5'],
    ['sqlite', 'text', "it's", "'it''s'"],
    ['postgres', 'text', "'); drop table t; --", "'''); drop table t; --'"],
    ['postgres', 'timestamp', 'now()', 'now()'],
    ['postgres', 'date', 'now()', 'CURRENT_DATE'],
    ['postgres', 'uuid', 'gen_random_uuid()', 'gen_random_uuid()'],
    ['sqlite', 'json', 'x', `'"x"'`],
    ['sqlite', 'text', null, 'NULL'],
  ] as const)('%s %s %j → %s', (engine, type, value, want) => {
    expect(defaultSql(engine, 'c', type, value)).toBe(want);
  });

  it.each([
    ['integer', 'now()'],
    ['integer', '1; drop table t'],
    ['integer', 1.5],
    ['boolean', 1],
    ['boolean', 'true'],
    ['uuid', 'nope'],
    ['date', '2026-13'],
    ['timestamp', "now()'); drop table t; --"],
    ['text', 'gen_random_uuid()'],
    ['real', Number.POSITIVE_INFINITY],
  ] as const)('refuses %s default %j', (type, value) => {
    expect(() => defaultSql('postgres', 'c', type, value)).toThrow(/c:/);
  });

  it('refuses NUL in literals', () => {
    expect(() => quoteLiteral('a\u0000b')).toThrow();
  });
});

describe('defaultValueOf', () => {
  it.each([
    ['postgres', 'text', "'it''s'::text", "it's"],
    ['postgres', 'integer', "'-1'::integer", -1],
    ['postgres', 'integer', '0', 0],
    ['postgres', 'boolean', 'false', false],
    ['sqlite', 'boolean', '1', true],
    ['sqlite', 'text', "'x'", 'x'],
    ['sqlite', 'timestamp', "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", 'now()'],
    ['postgres', 'date', 'CURRENT_DATE', 'now()'],
    ['postgres', 'json', `'"x"'::jsonb`, 'x'],
    ['postgres', 'bigint', "nextval('t_id_seq'::regclass)", "nextval('t_id_seq'::regclass)"],
    ['sqlite', 'text', 'NULL', null],
    ['sqlite', 'text', null, undefined],
  ] as const)('%s %s %s → %j', (engine, type, text, want) => {
    expect(defaultValueOf(engine, type, text)).toEqual(want);
  });
});

describe('likeToGlob', () => {
  it.each([
    ['abc%', 'abc*'],
    ['a_c', 'a?c'],
    ['100\\%', '100%'],
    ['a*b?[c]', 'a[*]b[?][[]c]'],
    ['\\_x', '_x'],
  ])('%s → %s', (like, glob) => {
    expect(likeToGlob(like)).toBe(glob);
  });
});
