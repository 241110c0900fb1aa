import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';

type Brief = [string, string | number | null];

function brief(text: string): Brief[] {
  return tokenize(text).map((t) => {
    switch (t.kind) {
      case 'identifier':
        return ['identifier', t.name];
      case 'keyword':
        return ['keyword', t.keyword];
      case 'string':
      case 'number':
        return [t.kind, t.value];
      case 'symbol':
        return ['symbol', t.symbol];
      default:
        return ['end', null];
    }
  });
}

describe('tokenize', () => {
  const cases: { given: string; want: Brief[] }[] = [
    { given: '', want: [['end', null]] },
    { given: '  \n\t ', want: [['end', null]] },
    {
      given: 'owner_id=auth.uid()',
      want: [
        ['identifier', 'owner_id'],
        ['symbol', '='],
        ['identifier', 'auth'],
        ['symbol', '.'],
        ['identifier', 'uid'],
        ['symbol', '('],
        ['symbol', ')'],
        ['end', null],
      ],
    },
    {
      given: 'a != 1 <= 2 >= 3 < 4 > 5',
      want: [
        ['identifier', 'a'],
        ['symbol', '!='],
        ['number', 1],
        ['symbol', '<='],
        ['number', 2],
        ['symbol', '>='],
        ['number', 3],
        ['symbol', '<'],
        ['number', 4],
        ['symbol', '>'],
        ['number', 5],
        ['end', null],
      ],
    },
    {
      given: 'AND Or nOt IN is NULL True FALSE',
      want: [
        ['keyword', 'and'],
        ['keyword', 'or'],
        ['keyword', 'not'],
        ['keyword', 'in'],
        ['keyword', 'is'],
        ['keyword', 'null'],
        ['keyword', 'true'],
        ['keyword', 'false'],
        ['end', null],
      ],
    },
    {
      given: "'it''s'",
      want: [
        ['string', "it's"],
        ['end', null],
      ],
    },
    {
      given: "''",
      want: [
        ['string', ''],
        ['end', null],
      ],
    },
    {
      given: "''''",
      want: [
        ['string', "'"],
        ['end', null],
      ],
    },
    {
      given: "'a\\b'",
      want: [
        ['string', 'a\\b'],
        ['end', null],
      ],
    },
    {
      given: "'line\nbreak'",
      want: [
        ['string', 'line\nbreak'],
        ['end', null],
      ],
    },
    {
      given: '-1.5',
      want: [
        ['number', -1.5],
        ['end', null],
      ],
    },
    {
      given: '007',
      want: [
        ['number', 7],
        ['end', null],
      ],
    },
    {
      given: 'x=-2',
      want: [
        ['identifier', 'x'],
        ['symbol', '='],
        ['number', -2],
        ['end', null],
      ],
    },
    {
      given: 'android',
      want: [
        ['identifier', 'android'],
        ['end', null],
      ],
    },
    {
      given: '_Col9',
      want: [
        ['identifier', '_Col9'],
        ['end', null],
      ],
    },
  ];
  it.each(cases)('tokenizes $given', ({ given, want }) => {
    expect(brief(given)).toEqual(want);
  });

  it('records where each token starts and ends', () => {
    expect(tokenize("a = 'x'").map((t) => [t.start, t.end])).toEqual([
      [0, 1],
      [2, 3],
      [4, 7],
      [7, 7],
    ]);
  });

  const errors: { given: string; want: string }[] = [
    { given: "a = 'open", want: 'unterminated string starting at position 4' },
    { given: "'it''s", want: 'unterminated string starting at position 0' },
    { given: 'a = 1.', want: 'invalid number at position 4' },
    { given: 'a = 1.2.3', want: 'invalid number at position 4' },
    { given: 'a = 1e3', want: 'invalid number at position 4' },
    { given: 'a = 12abc', want: 'invalid number at position 4' },
    { given: 'a = 99999999999999999999', want: 'number out of range at position 4' },
    { given: 'a = - 1', want: 'unexpected character "-" at position 4' },
    { given: 'a ! 1', want: 'unexpected character "!" at position 2' },
    { given: 'a = "x"', want: `unexpected character '"' at position 4` },
    { given: 'a = ’x’', want: 'unexpected character "’" at position 4' },
    { given: 'a = 😀', want: 'unexpected character "😀" at position 4' },
    { given: 'a; drop', want: 'unexpected character ";" at position 1' },
    { given: 'a = 1 -- x', want: 'unexpected character "-" at position 6' },
    { given: 'a = $1', want: 'unexpected character "$" at position 4' },
  ];
  it.each(errors)('refuses $given', ({ given, want }) => {
    expect(() => tokenize(given)).toThrow(want);
  });
});

describe('tokenize refuses NUL', () => {
  it.each(["owner_id = 'a\u0000b'", 'owner_id\u0000= 1'])('%j', (given) => {
    expect(() => tokenize(given)).toThrow(/NUL character/);
  });
});
