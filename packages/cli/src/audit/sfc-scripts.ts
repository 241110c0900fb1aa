/**
 * Pulls the `<script>` blocks out of a Vue or Svelte single-file component. Everything outside
 * the blocks is blanked to spaces (newlines kept), so offsets and line numbers in the result
 * are those of the original file and all blocks parse as one module.
 */

/** The script code of a component (same length and lines as the file) and the language to parse it as. */
export type SfcScripts = { code: string; lang: 'ts' | 'js' | 'tsx' | 'jsx' };

/** Blanks a component down to its script blocks, keeping every line where it was. */
export function extractSfcScripts(source: string): SfcScripts {
  const lower = source.toLowerCase();
  const keep: Array<[number, number]> = [];
  let lang: SfcScripts['lang'] = 'js';
  let i = 0;
  while (i < source.length) {
    const comment = lower.indexOf('<!--', i);
    const open = lower.indexOf('<script', i);
    if (open < 0) break;
    if (comment >= 0 && comment < open) {
      const end = lower.indexOf('-->', comment + 4);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    const after = source[open + 7];
    if (after !== '>' && !isSpace(after)) {
      i = open + 7;
      continue;
    }
    const tagEnd = endOfTag(source, open + 7);
    if (tagEnd < 0) break;
    const attrs = source.slice(open + 7, tagEnd);
    if (attrs.trimEnd().endsWith('/')) {
      i = tagEnd + 1;
      continue;
    }
    const close = lower.indexOf('</script', tagEnd + 1);
    keep.push([tagEnd + 1, close < 0 ? source.length : close]);
    lang = pickLang(lang, attrValue(attrs, 'lang'));
    i = close < 0 ? source.length : close + 8;
  }
  return { code: blankOutside(source, keep), lang };
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
}

/** Index of the `>` closing an opening tag, skipping quoted attribute values. */
function endOfTag(source: string, from: number): number {
  let quote = '';
  for (let j = from; j < source.length; j++) {
    const ch = source[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return j;
    }
  }
  return -1;
}

/** The value of one attribute in an opening tag's attribute text, lower-cased. */
export function attrValue(attrs: string, name: string): string | null {
  const lower = attrs.toLowerCase();
  let at = lower.indexOf(name);
  while (at >= 0) {
    const before = at === 0 ? ' ' : lower[at - 1];
    let j = at + name.length;
    while (isSpace(lower[j])) j++;
    if (isSpace(before) && lower[j] === '=') {
      j++;
      while (isSpace(lower[j])) j++;
      const q = lower[j];
      if (q === '"' || q === "'") {
        const end = lower.indexOf(q, j + 1);
        return lower.slice(j + 1, end < 0 ? undefined : end);
      }
      let end = j;
      while (end < lower.length && !isSpace(lower[end]) && lower[end] !== '>') end++;
      return lower.slice(j, end);
    }
    at = lower.indexOf(name, at + 1);
  }
  return null;
}

function pickLang(current: SfcScripts['lang'], lang: string | null): SfcScripts['lang'] {
  if (lang === 'ts' || lang === 'typescript') return current === 'tsx' ? 'tsx' : 'ts';
  if (lang === 'tsx') return 'tsx';
  if (lang === 'jsx') return current === 'js' ? 'jsx' : current;
  return current;
}

function blankOutside(source: string, keep: Array<[number, number]>): string {
  const out: string[] = [];
  let pos = 0;
  for (const [start, end] of keep) {
    out.push(blank(source.slice(pos, start)), source.slice(start, end));
    pos = end;
  }
  out.push(blank(source.slice(pos)));
  return out.join('');
}

function blank(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\n' || ch === '\r' ? ch : ' ';
  return out;
}
