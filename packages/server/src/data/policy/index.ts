/**
 * Row-level-security policy expressions (the `auth` tag of the spec): parse the text,
 * list the columns it reads, evaluate it against a row, or compile it into a SQL predicate
 * for SQLite or PostgreSQL that agrees with the evaluation.
 */
export type {
  AndNode,
  AuthFunction,
  BooleanNode,
  CallNode,
  ColumnNode,
  CompareNode,
  ComparisonOperator,
  InNode,
  IsNullNode,
  LiteralNode,
  NotNode,
  OrNode,
  PolicyCaller,
  PolicyNode,
  SqlDialect,
  ValueNode,
} from './ast';
export { referencedColumns } from './columns';
export { isPolicySyntaxError, PolicySyntaxError } from './errors';
export { evaluatePolicy } from './evaluate';
export { POLICY_LIMITS } from './limits';
export { parsePolicy } from './parser';
export { policiesToSql, policyToSql, writePolicies } from './to-sql';
