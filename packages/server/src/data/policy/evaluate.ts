import type { ComparisonOperator, PolicyCaller, PolicyNode, ValueNode } from './ast';
import { columnOperand, type SqlOperand, sqlCompare, toSqlValue } from './sql-values';

type Truth = boolean | null;

const holds: Record<ComparisonOperator, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

function operand(node: ValueNode, row: Record<string, unknown>, caller: PolicyCaller): SqlOperand {
  if (node.kind === 'column') return columnOperand(Object.hasOwn(row, node.name) ? row[node.name] : null);
  const raw = node.kind === 'literal' ? node.value : node.name === 'auth.uid' ? caller.uid : caller.role;
  return { value: toSqlValue(raw), affinity: 'none' };
}

function evaluateIn(order: (item: ValueNode) => number | null, list: ValueNode[]): Truth {
  let unknown = false;
  for (const item of list) {
    const result = order(item);
    if (result === 0) return true;
    if (result === null) unknown = true;
  }
  return unknown ? null : false;
}

function combine(values: Truth[], dominant: boolean): Truth {
  if (values.includes(dominant)) return dominant;
  return values.includes(null) ? null : !dominant;
}

function truth(node: PolicyNode, row: Record<string, unknown>, caller: PolicyCaller): Truth {
  const value = (v: ValueNode) => operand(v, row, caller);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'compare': {
      const order = sqlCompare(value(node.left), value(node.right));
      return order === null ? null : holds[node.operator](order);
    }
    case 'in': {
      const left = value(node.value);
      // SQLite: `a in (x, y)` is `a = +x or a = +y`: list items lose any affinity.
      return evaluateIn((item) => sqlCompare(left, { ...value(item), affinity: 'none' }), node.list);
    }
    case 'isNull':
      return (value(node.value).value === null) !== node.negated;
    case 'and':
      return combine(
        node.operands.map((o) => truth(o, row, caller)),
        false,
      );
    case 'or':
      return combine(
        node.operands.map((o) => truth(o, row, caller)),
        true,
      );
    case 'not': {
      const inner = truth(node.operand, row, caller);
      return inner === null ? null : !inner;
    }
  }
}

/**
 * Whether a row passes a policy, with SQL's three-valued logic: a comparison with null is
 * unknown, `not` of unknown is unknown, and unknown at the top counts as false.
 * @example evaluatePolicy(parsePolicy('owner_id = auth.uid()'), { owner_id: 'u1' }, { uid: 'u1', role: 'user' }) // true
 */
export function evaluatePolicy(ast: PolicyNode, row: Record<string, unknown>, caller: PolicyCaller): boolean {
  return truth(ast, row, caller) === true;
}
