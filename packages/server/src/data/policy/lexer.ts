import { PolicySyntaxError } from './errors';

/** The words the language reserves, matched case-insensitively. */
export const KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false'] as const;

/** A reserved word, lower-cased. */
export type Keyword = (typeof KEYWORDS)[number];

/** One token: `start`/`end` are offsets into the text, `text` the raw source. */
export type Token = { start: number; end: number; text: string } & (
  | { kind: 'identifier'; name: string }
  | { kind: 'keyword'; keyword: Keyword }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'symbol'; symbol: '=' | '!=' | '<' | '<=' | '>' | '>=' | '(' | ')' | ',' | '.' }
  | { kind: 'end' }
);

const identifierStart = /[A-Za-z_]/;
const identifierPart = /[A-Za-z0-9_]/;
const digit = /[0-9]/;
const twoCharSymbols = ['!=', '<=', '>='] as const;
const oneCharSymbols = ['=', '<', '>', '(', ')', ',', '.'] as const;

/** Quotes a piece of source for an error message. */
export function quoteSource(text: string): string {
  const short = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  return short.includes('"') ? `'${short}'` : `"${short}"`;
}

function readString(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) throw new PolicySyntaxError(`unterminated string starting at position ${start}`, start);
    value += text.slice(i, quote);
    if (text[quote + 1] !== "'")
      return { kind: 'string', value, start, end: quote + 1, text: text.slice(start, quote + 1) };
    value += "'";
    i = quote + 2;
  }
}

function readNumber(text: string, start: number): Token {
  const match = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(start))!;
  const end = start + match[0].length;
  const next = text[end] ?? '';
  const value = Number(match[0]);
  if (next === '.' || identifierPart.test(next))
    throw new PolicySyntaxError(`invalid number at position ${start}`, start);
  if (!Number.isFinite(value) || (match[1] === undefined && !Number.isSafeInteger(value))) {
    throw new PolicySyntaxError(`number out of range at position ${start}`, start);
  }
  return { kind: 'number', value, start, end, text: match[0] };
}

function readWord(text: string, start: number): Token {
  let end = start + 1;
  while (end < text.length && identifierPart.test(text[end])) end++;
  const word = text.slice(start, end);
  const lower = word.toLowerCase();
  if ((KEYWORDS as readonly string[]).includes(lower))
    return { kind: 'keyword', keyword: lower as Keyword, start, end, text: word };
  return { kind: 'identifier', name: word, start, end, text: word };
}

function readSymbol(text: string, start: number): Token {
  const two = twoCharSymbols.find((s) => text.startsWith(s, start));
  const symbol = two ?? oneCharSymbols.find((s) => text[start] === s);
  if (symbol === undefined) {
    const char = String.fromCodePoint(text.codePointAt(start)!);
    throw new PolicySyntaxError(`unexpected character ${quoteSource(char)} at position ${start}`, start);
  }
  return { kind: 'symbol', symbol, start, end: start + symbol.length, text: symbol };
}

function readToken(text: string, start: number): Token {
  const char = text[start];
  if (char === "'") return readString(text, start);
  if (digit.test(char) || (char === '-' && digit.test(text[start + 1] ?? ''))) return readNumber(text, start);
  if (identifierStart.test(char)) return readWord(text, start);
  return readSymbol(text, start);
}

/** Splits policy text into tokens, ending with an `end` token; throws `PolicySyntaxError`. */
export function tokenize(text: string): Token[] {
  // PostgreSQL text cannot hold NUL, so a policy with one could be stored but never run.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new PolicySyntaxError(`a NUL character at position ${nul}`, nul);
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const token = readToken(text, i);
    tokens.push(token);
    i = token.end;
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length, text: '' });
  return tokens;
}
