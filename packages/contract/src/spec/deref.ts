/** Follows local `$ref` chains inside one OpenAPI document; loops and dangling refs are errors. */
import { pointerSegments, resolvePointer } from './pointer';

/** A node with its `$ref`s followed, and the last ref that led to it (null when it was inline). */
export type Resolved = { node: any; ref: string | null };

/** A node with its `$ref` chain followed, and where it lives in the document (pointer segments). */
export type Located = { node: any; at: string[] };

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

/** Follows `node`'s `$ref` chain from location `at`; the result knows its own location. */
export function locate(doc: unknown, node: any, at: string[]): Located {
  const { node: target, ref } = deref(doc, node);
  return { node: target, at: ref ? pointerSegments(ref) : at };
}

/** The last segment of a `$ref` (`#/components/schemas/Pet` → `Pet`), or null. */
export function refName(ref: string | null | undefined): string | null {
  if (typeof ref !== 'string') return null;
  const segments = pointerSegments(ref);
  return segments.length > 0 ? segments[segments.length - 1] : null;
}
