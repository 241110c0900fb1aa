/**
 * Splits SQL text into statements at the semicolons outside quotes, comments and
 * PostgreSQL dollar-quoted strings. Used to refuse several statements in one raw query and
 * to run a migration's statements one by one.
 */

function skipQuoted(text: string, start: number, close: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text.startsWith(close, i)) {
      // A doubled quote is an escaped quote inside the string.
      if (close.length === 1 && text[i + 1] === close && close !== ']') {
        i += 2;
        continue;
      }
      return i + close.length;
    }
    i++;
  }
  return text.length;
}

function skipAt(text: string, i: number): number | undefined {
  const c = text[i];
  if (c === "'" || c === '"' || c === '`') return skipQuoted(text, i, c);
  if (c === '[') return skipQuoted(text, i, ']');
  if (c === '-' && text[i + 1] === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
    if (tag) return skipQuoted(text, i + tag[0].length - 1, tag[0]);
  }
  return undefined;
}

function hasCode(statement: string): boolean {
  return statement.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '';
}

/**
 * The statements of `text`, trimmed, without empty ones.
 * @example splitStatements("select ';'; select 2") // ["select ';'", 'select 2']
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const next = skipAt(text, i);
    if (next !== undefined) {
      i = next;
    } else if (text[i] === ';') {
      out.push(text.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(hasCode);
}
