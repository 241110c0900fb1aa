/** Renders a compiled policy (compile.ts) as SQL text: columns quoted, every value a bound parameter. */
import { SqlText } from '../../db/sql-text';
import type { PolicyCaller, PolicyNode, SqlDialect } from './ast';
import { compilePolicies } from './compile';

/** Writes several policies OR-ed (`FALSE` when there are none) into `out`, as a predicate that can be AND-ed as is. */
export function writePolicies(
  out: SqlText,
  asts: readonly PolicyNode[],
  caller: PolicyCaller,
  dialect: SqlDialect,
): SqlText {
  for (const piece of compilePolicies(asts, caller, dialect)) {
    if (piece.kind === 'text') out.write(piece.text);
    else if (piece.kind === 'identifier') out.identifier(piece.name);
    else out.value(piece.value);
  }
  return out;
}

/**
 * Compiles a policy into a SQL predicate: columns quoted, values as parameters.
 * @example new SqlText().write('select * from posts where ').append(policyToSql(ast, caller, 'postgres'))
 */
export function policyToSql(ast: PolicyNode, caller: PolicyCaller, dialect: SqlDialect): SqlText {
  return writePolicies(new SqlText(), [ast], caller, dialect);
}

/** Compiles several policies OR-ed into one predicate (`FALSE` when there are none). */
export function policiesToSql(asts: readonly PolicyNode[], caller: PolicyCaller, dialect: SqlDialect): SqlText {
  return writePolicies(new SqlText(), asts, caller, dialect);
}
