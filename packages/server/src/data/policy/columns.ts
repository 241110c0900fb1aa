import type { PolicyNode } from './ast';
import { childrenOf, valuesOf } from './walk';

/** The distinct column names a policy reads, in order of first appearance. */
export function referencedColumns(ast: PolicyNode): string[] {
  const names = new Set<string>();
  const visit = (node: PolicyNode): void => {
    for (const value of valuesOf(node)) if (value.kind === 'column') names.add(value.name);
    for (const child of childrenOf(node)) visit(child);
  };
  visit(ast);
  return [...names];
}
