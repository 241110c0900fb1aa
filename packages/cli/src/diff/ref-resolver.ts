/**
 * Resolves local `$ref`s (`#/components/schemas/Pet`) inside one OpenAPI document. Chains of
 * refs are followed; a chain that loops back on itself is reported instead of followed forever.
 */

/** A node with its `$ref`s followed, and the last ref that led to it (null when it was inline). */
export type Resolved = { node: any; ref: string | null };

/** Reads a JSON pointer (`#/a/b~1c`) in `doc`; undefined when it leads nowhere. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (ref === '#') return doc;
  if (!ref.startsWith('#/')) return undefined;
  let node: any = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Follows `node`'s `$ref` chain. Keys beside a `$ref` (OpenAPI 3.1 allows `description` and
 * the like) override the target's. External refs and dangling or cyclic chains throw.
 */
export function deref(doc: unknown, node: any): Resolved {
  let current = node;
  let ref: string | null = null;
  const chain = new Set<string>();
  let overrides: Record<string, unknown> = {};
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    ref = current.$ref as string;
    if (chain.has(ref)) throw new Error(`$ref cycle: ${[...chain, ref].join(' → ')}`);
    chain.add(ref);
    const { $ref: _, ...siblings } = current;
    overrides = { ...siblings, ...overrides };
    if (!ref.startsWith('#')) throw new Error(`external $ref not supported: ${ref} (bundle the spec first)`);
    current = resolvePointer(doc, ref);
    if (current === undefined) throw new Error(`$ref does not resolve: ${ref}`);
  }
  if (Object.keys(overrides).length > 0 && current && typeof current === 'object')
    current = { ...current, ...overrides };
  return { node: current, ref };
}
