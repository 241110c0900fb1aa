/** JSON pointers (RFC 6901) inside one document, in the URI-fragment form OpenAPI uses (`#/a/b~1c`). */

/** `#/components/schemas/A~1B` → `['components', 'schemas', 'A/B']`; `~1` is decoded before `~0`. */
export function pointerSegments(ref: string): string[] {
  const body = ref.replace(/^#/, '');
  if (body === '') return [];
  return body
    .replace(/^\//, '')
    .split('/')
    .map((raw) => percentDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['components', 'schemas', 'A/B']` → `#/components/schemas/A~1B` (`~` before `/`). */
export function toPointer(segments: readonly string[]): string {
  return `#${segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

/** Reads a local pointer (`#/a/b`) in `doc`; undefined when it leads nowhere or is not local. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let node: any = doc;
  for (const key of pointerSegments(ref)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function percentDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
