import type { PolicyCaller, PolicyNode, SqlDialect } from './ast';
import { compilePolicies, type SqlPiece } from './compile';

/** A compiled predicate: SQL text with `?` placeholders and the values to bind, in order. */
export interface CompiledPolicy {
  sql: string;
  params: unknown[];
}

function render(pieces: SqlPiece[], quoteIdentifier: (name: string) => string): CompiledPolicy {
  const params: unknown[] = [];
  let text = '';
  for (const piece of pieces) {
    if (piece.kind === 'text') text += piece.text;
    else if (piece.kind === 'identifier') text += quoteIdentifier(piece.name);
    else {
      text += '?';
      params.push(piece.value);
    }
  }
  return { sql: text, params };
}

/**
 * Compiles a policy into a SQL boolean predicate for `dialect`, every literal and auth value a `?` parameter.
 * @example policyToSql(parsePolicy('owner_id = auth.uid()'), caller, (n) => `"${n}"`, 'sqlite') // { sql: '"owner_id" = ?', params: [caller.uid] }
 */
export function policyToSql(
  ast: PolicyNode,
  caller: PolicyCaller,
  quoteIdentifier: (name: string) => string,
  dialect: SqlDialect,
): CompiledPolicy {
  return render(compilePolicies([ast], caller, dialect), quoteIdentifier);
}

/** Compiles several policies OR-ed into one predicate (`FALSE` when there are none). */
export function policiesToSql(
  asts: readonly PolicyNode[],
  caller: PolicyCaller,
  quoteIdentifier: (name: string) => string,
  dialect: SqlDialect,
): CompiledPolicy {
  return render(compilePolicies(asts, caller, dialect), quoteIdentifier);
}
