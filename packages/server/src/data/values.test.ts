import { describe, expect, it } from 'vitest';
import type { CatalogueColumn, PortableType } from '../db/catalogue';
import { fromDbValue, toDbValue } from './values';

const column = (portable: PortableType | null): CatalogueColumn => ({
  name: 'c',
  type: portable ?? 'varchar(10)',
  portable,
  nullable: true,
  primary_key: false,
  key_position: 0,
  generated: false,
  default_value: null,
});

describe('toDbValue', () => {
  it.each([
    ['sqlite', 'boolean', true, 1],
    ['sqlite', 'boolean', 'false', 0],
    ['postgres', 'boolean', 'true', true],
    ['sqlite', 'integer', 7, 7n],
    ['postgres', 'integer', '7', 7],
    ['postgres', 'bigint', '9007199254740993', '9007199254740993'],
    ['postgres', 'real', '1.5', '1.5'],
    ['sqlite', 'text', 9, '9'],
    ['postgres', 'json', { a: [1] }, '{"a":[1]}'],
    ['sqlite', 'json', 'x', '"x"'],
    ['postgres', null, 5, 5],
    ['sqlite', 'timestamp', '2026-01-01', '2026-01-01'],
  ] as const)('%s %s %o → %o', (engine, type, value, want) => {
    expect(toDbValue(engine, column(type), value)).toEqual(want);
  });

  it.each([
    ['boolean', 'yes'],
    ['integer', 1.5],
    ['integer', 'many'],
    ['real', 'NaN'],
    ['uuid', 'nope'],
    ['date', '2026-01-01T00:00:00Z'],
    ['timestamp', 'soon'],
    ['text', { a: 1 }],
    ['text', 'a\u0000b'],
  ] as const)('refuses %s %o with 400', (type, value) => {
    expect(() => toDbValue('postgres', column(type), value)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});

describe('fromDbValue', () => {
  it.each([
    ['sqlite', 'boolean', 1, true],
    ['sqlite', 'boolean', 0, false],
    ['sqlite', 'json', '{"a":1}', { a: 1 }],
    ['sqlite', 'json', 'not json', 'not json'],
    ['postgres', 'bigint', '42', 42],
    ['postgres', 'bigint', '9007199254740993', '9007199254740993'],
    ['postgres', 'numeric', '1.50', 1.5],
    ['postgres', 'numeric', '12345678901234567.5', '12345678901234567.5'],
    ['postgres', 'timestamp', new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z'],
    ['postgres', 'date', new Date(2026, 0, 2), '2026-01-02'],
    ['sqlite', null, Buffer.from('hi'), 'aGk='],
    ['sqlite', null, 10n, 10],
  ] as const)('%s %s %o → %o', (engine, type, value, want) => {
    expect(fromDbValue(engine, type, value)).toEqual(want);
  });
});
