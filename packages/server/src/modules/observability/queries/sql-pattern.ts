/**
 * Statement text as the profiler and the slow-query log keep it: literals and numbered
 * placeholders replaced by `?`, lists of placeholders folded to one, whitespace collapsed,
 * so statements that differ only in their values group together and no value is kept.
 */

const STRING = /'(?:[^']|'')*'/g;
const NUMBER = /(?<![\w$"])-?\d+(?:\.\d+)?(?![\w"])/g;
const PG_PARAM = /\$\d+/g;
const LIST = /\(\s*\?(?:\s*,\s*\?)+\s*\)/g;
const SPACE = /\s+/g;

/** The normalised pattern of a statement. */
export function patternOf(sql: string): string {
  return sql
    .replace(STRING, '?')
    .replace(PG_PARAM, '?')
    .replace(NUMBER, '?')
    .replace(LIST, '(?)')
    .replace(SPACE, ' ')
    .trim()
    .slice(0, 2000);
}

/** The statement type the profiler counts: SELECT, INSERT, UPDATE, DELETE or OTHER. */
export function typeOf(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (word === 'SELECT' || word === 'INSERT' || word === 'UPDATE' || word === 'DELETE') return word;
  if (word === 'WITH') {
    const main = /\)\s*(select|insert|update|delete)\b/i.exec(sql)?.[1];
    return main ? main.toUpperCase() : 'SELECT';
  }
  return 'OTHER';
}
