/** Short builders for syntax trees in tests' `want` columns. Test-only; not exported from the index. */
import type { ComparisonOperator, PolicyNode, ValueNode } from './ast';

/** A column reference. */
export const col = (name: string): ValueNode => ({ kind: 'column', name });
/** A literal value. */
export const lit = (value: string | number | boolean | null): ValueNode => ({ kind: 'literal', value });
/** `auth.uid()`. */
export const uid: ValueNode = { kind: 'call', name: 'auth.uid' };
/** `auth.role()`. */
export const role: ValueNode = { kind: 'call', name: 'auth.role' };
/** A comparison. */
export const cmp = (left: ValueNode, operator: ComparisonOperator, right: ValueNode): PolicyNode => ({
  kind: 'compare',
  operator,
  left,
  right,
});
/** `column = value`, the most common condition. */
export const eq = (column: string, value: string | number | boolean | null): PolicyNode =>
  cmp(col(column), '=', lit(value));
/** `value in (list)`. */
export const inList = (value: ValueNode, ...list: ValueNode[]): PolicyNode => ({ kind: 'in', value, list });
/** `value is null`. */
export const isNull = (value: ValueNode): PolicyNode => ({ kind: 'isNull', value, negated: false });
/** `value is not null`. */
export const isNotNull = (value: ValueNode): PolicyNode => ({ kind: 'isNull', value, negated: true });
/** `a and b and ...`. */
export const and = (...operands: PolicyNode[]): PolicyNode => ({ kind: 'and', operands });
/** `a or b or ...`. */
export const or = (...operands: PolicyNode[]): PolicyNode => ({ kind: 'or', operands });
/** `not a`. */
export const not = (operand: PolicyNode): PolicyNode => ({ kind: 'not', operand });
/** A bare `true` or `false` condition. */
export const bool = (value: boolean): PolicyNode => ({ kind: 'literal', value });
