/** Renders a compiled policy (compile.ts) as a Kysely predicate: columns through `sql.ref`, every value a bound parameter. */
import { type RawBuilder, sql } from 'kysely';
import type { PolicyCaller, PolicyNode, SqlDialect } from './ast';
import { compilePolicies, type SqlPiece } from './compile';

function build(pieces: SqlPiece[]): RawBuilder<boolean> {
  const parts = pieces.map((piece) =>
    piece.kind === 'text'
      ? sql.raw(piece.text)
      : piece.kind === 'identifier'
        ? sql.ref(piece.name)
        : sql.val(piece.value),
  );
  return sql.join<boolean>(parts, sql.raw(''));
}

/**
 * Compiles a policy into a Kysely predicate: columns through `sql.ref`, values as parameters.
 * @example db.selectFrom('posts').selectAll().where(policyToKysely(ast, caller, 'postgres'))
 */
export function policyToKysely(ast: PolicyNode, caller: PolicyCaller, dialect: SqlDialect): RawBuilder<boolean> {
  return build(compilePolicies([ast], caller, dialect));
}

/** Compiles several policies OR-ed into one Kysely predicate (`FALSE` when there are none). */
export function policiesToKysely(
  asts: readonly PolicyNode[],
  caller: PolicyCaller,
  dialect: SqlDialect,
): RawBuilder<boolean> {
  return build(compilePolicies(asts, caller, dialect));
}
