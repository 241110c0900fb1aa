/**
 * A strict little XML parser for tests: elements, attributes, text, entities, the prolog and
 * comments. It throws on anything not well-formed (an unclosed or mismatched tag, a bare `&` or
 * `<`, an unquoted attribute, a duplicate attribute, text outside the root), so a document it
 * reads is one a CI server's JUnit reader can read.
 */

/** One element: its name, attributes, children and text. */
export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`"<" in text or attribute near ${where}`);
  return raw.replace(/&([^;\s]*);?/g, (whole, entity: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare "&" near ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity in named) return named[entity];
    const code = /^#x([0-9a-f]+)$/i.exec(entity)?.[1];
    if (code) return String.fromCodePoint(Number.parseInt(code, 16));
    if (/^#\d+$/.test(entity)) return String.fromCodePoint(Number(entity.slice(1)));
    throw new Error(`unknown entity &${entity}; near ${where}`);
  });
}

/** Parses a whole document and returns its root element. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const skipSpace = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  if (text.startsWith('<?xml')) i = text.indexOf('?>') + 2;
  while (i < text.length) {
    const next = text.indexOf('<', i);
    const chunk = text.slice(i, next < 0 ? text.length : next);
    if (stack.length > 0) stack[stack.length - 1].text += decode(chunk, i);
    else if (chunk.trim() !== '') throw new Error(`text outside the root near ${i}`);
    if (next < 0) break;
    i = next;
    if (text.startsWith('<!--', i)) {
      i = text.indexOf('-->', i) + 3;
      continue;
    }
    if (text.startsWith('</', i)) {
      const name = NAME.exec(text.slice(i + 2))?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name}> near ${i}`);
      i += 2 + name.length;
      skipSpace();
      if (text[i++] !== '>') throw new Error(`bad closing tag near ${i}`);
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) throw new Error(`bad tag near ${i}`);
    if (root && stack.length === 0) throw new Error(`a second root <${name}> near ${i}`);
    const element: XmlElement = { name, attrs: {}, children: [], text: '' };
    i += 1 + name.length;
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', i) || text[i] === '>') break;
      const attr = NAME.exec(text.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute near ${i}`);
      i += attr.length;
      skipSpace();
      if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`attribute ${attr} is not ="..." near ${i}`);
      const end = text.indexOf('"', i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in element.attrs) throw new Error(`duplicate attribute ${attr} near ${i}`);
      element.attrs[attr] = decode(text.slice(i + 2, end), i);
      i = end + 1;
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    if (text.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element named `name`. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
