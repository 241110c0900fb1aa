/** Path templates in one canonical form, so `/pets/{id}`, `/pets/:petId` and `/pets//{x}/` compare equal. */

/** Normalises a path template: `{name}` and `:name` segments → `{}`, no doubled or trailing slash. */
export function normalisePath(path: string): string {
  const segments = path.split('/').filter((segment, i) => i === 0 || segment !== '');
  const out = segments.map((segment) => (segment.startsWith(':') && segment.length > 1 ? '{}' : braces(segment)));
  const joined = out.join('/');
  return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
}

function braces(segment: string): string {
  let out = '';
  let i = 0;
  while (i < segment.length) {
    const open = segment.indexOf('{', i);
    const close = open < 0 ? -1 : segment.indexOf('}', open);
    if (open < 0 || close < 0) return out + segment.slice(i);
    out += `${segment.slice(i, open)}{}`;
    i = close + 1;
  }
  return out;
}
