/**
 * The typed syntax tree of a row-level-security policy expression, as `parsePolicy`
 * builds it. Plain data: it can be stored, compared and walked without the source text.
 */

/** A literal value: a quoted string, a number, `true`, `false` or `null`. */
export interface LiteralNode {
  kind: 'literal';
  value: string | number | boolean | null;
}

/** A reference to a column of the row (`owner_id`), case kept as written. */
export interface ColumnNode {
  kind: 'column';
  name: string;
}

/** One of the two functions the language knows. */
export type AuthFunction = 'auth.uid' | 'auth.role';

/** A call of `auth.uid()` (the caller's user id) or `auth.role()` (the caller's role). */
export interface CallNode {
  kind: 'call';
  name: AuthFunction;
}

/** Anything that stands for a value: the operands of comparisons, `in` and `is null`. */
export type ValueNode = LiteralNode | ColumnNode | CallNode;

/** A comparison operator. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `left <op> right`. */
export interface CompareNode {
  kind: 'compare';
  operator: ComparisonOperator;
  left: ValueNode;
  right: ValueNode;
}

/** `value in (list...)`; the list holds at least one item. */
export interface InNode {
  kind: 'in';
  value: ValueNode;
  list: ValueNode[];
}

/** `value is null`, or `value is not null` when `negated`. */
export interface IsNullNode {
  kind: 'isNull';
  value: ValueNode;
  negated: boolean;
}

/** Two or more conditions that must all hold. */
export interface AndNode {
  kind: 'and';
  operands: PolicyNode[];
}

/** Two or more conditions of which one must hold. */
export interface OrNode {
  kind: 'or';
  operands: PolicyNode[];
}

/** `not condition`. */
export interface NotNode {
  kind: 'not';
  operand: PolicyNode;
}

/** `true` or `false` standing alone as a condition (a policy that always or never holds). */
export interface BooleanNode {
  kind: 'literal';
  value: boolean;
}

/** A boolean condition: the root of a parsed policy and every operand of and/or/not. */
export type PolicyNode = CompareNode | InNode | IsNullNode | AndNode | OrNode | NotNode | BooleanNode;

/** Who a policy is evaluated or compiled for: `uid` is null for `anon`. */
export interface PolicyCaller {
  uid: string | null;
  role: string;
}

/** The SQL engine a predicate is compiled for. */
export type SqlDialect = 'sqlite' | 'postgres';
