import type { PolicyNode, ValueNode } from './ast';

/** The value operands of a condition node, left to right; none for and/or/not/boolean. */
export function valuesOf(node: PolicyNode): ValueNode[] {
  switch (node.kind) {
    case 'compare':
      return [node.left, node.right];
    case 'in':
      return [node.value, ...node.list];
    case 'isNull':
      return [node.value];
    default:
      return [];
  }
}

/** The condition nodes directly below `node`, left to right. */
export function childrenOf(node: PolicyNode): PolicyNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.operands;
    case 'not':
      return [node.operand];
    default:
      return [];
  }
}
