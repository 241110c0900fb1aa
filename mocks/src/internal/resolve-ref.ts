/** Follows local `$ref`s through the spec toolkit of `@lockstep/contract` (RFC 6901, with `~0`/`~1`). */
import { deref } from '@lockstep/contract';

/** Follows local `$ref`s (`#/components/...`) until a node without one; other nodes pass through. */
export function resolveRef(doc: object, node: any): any {
  return deref(doc, node).node;
}
