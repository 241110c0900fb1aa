/**
 * Compiles a policy tree into engine-neutral SQL pieces (text, identifiers, parameters),
 * which `to-sql.ts` writes as SQL text. Every literal and auth value becomes a
 * parameter; nothing from the expression is ever pasted into the SQL text.
 */
import type { CompareNode, InNode, PolicyCaller, PolicyNode, SqlDialect, ValueNode } from './ast';

/** One piece of a compiled predicate. */
export type SqlPiece =
  | { kind: 'text'; text: string }
  | { kind: 'identifier'; name: string }
  | { kind: 'parameter'; value: unknown };

type PgType = 'text' | 'numeric' | 'boolean';

const sqlOperator: Record<string, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Binds a literal as the engine stores it. On SQLite booleans become 1/0 and integers are
 * bound as BigInt, so SQLite sees INTEGER (a JS number would bind as REAL, and a TEXT
 * column would then compare with '9.0' instead of '9').
 */
function bindValue(value: string | number | boolean | null, dialect: SqlDialect): unknown {
  if (dialect === 'postgres' || value === null || typeof value === 'string') return value;
  const number = typeof value === 'boolean' ? Number(value) : value;
  return Number.isInteger(number) ? BigInt(number) : number;
}

function pgTypeOf(node: ValueNode): PgType | null {
  if (node.kind === 'call') return 'text';
  if (node.kind === 'column' || node.value === null) return null;
  return typeof node.value === 'string' ? 'text' : typeof node.value === 'number' ? 'numeric' : 'boolean';
}

/** PostgreSQL cannot type a parameter that meets no column (`$1 is null`), so such values get a cast. */
function pgCast(values: ValueNode[], dialect: SqlDialect): PgType | null {
  if (dialect !== 'postgres' || values.some((v) => v.kind === 'column')) return null;
  const types = new Set(values.map(pgTypeOf).filter((t) => t !== null));
  return types.size === 1 ? [...types][0] : 'text';
}

class Compiler {
  readonly pieces: SqlPiece[] = [];

  constructor(
    private readonly caller: PolicyCaller,
    private readonly dialect: SqlDialect,
  ) {}

  private text(text: string): void {
    this.pieces.push({ kind: 'text', text });
  }

  private parameter(value: unknown, cast: PgType | null): void {
    if (cast) this.text('CAST(');
    this.pieces.push({ kind: 'parameter', value });
    if (cast) this.text(` AS ${cast})`);
  }

  private value(node: ValueNode, cast: PgType | null): void {
    if (node.kind === 'column') this.pieces.push({ kind: 'identifier', name: node.name });
    else if (node.kind === 'call') this.parameter(node.name === 'auth.uid' ? this.caller.uid : this.caller.role, cast);
    else this.parameter(bindValue(node.value, this.dialect), cast);
  }

  private list(nodes: PolicyNode[], separator: string, wrapOr: boolean): void {
    nodes.forEach((node, i) => {
      if (i > 0) this.text(separator);
      this.node(node, wrapOr);
    });
  }

  /** `wrapOr`: the context binds tighter than OR, so an OR node needs parentheses. */
  node(node: PolicyNode, wrapOr: boolean): void {
    switch (node.kind) {
      case 'literal':
        this.parameter(bindValue(node.value, this.dialect), this.dialect === 'postgres' ? 'boolean' : null);
        break;
      case 'compare':
        this.compare(node);
        break;
      case 'in':
        this.in(node);
        break;
      case 'isNull':
        this.value(node.value, pgCast([node.value], this.dialect));
        this.text(node.negated ? ' IS NOT NULL' : ' IS NULL');
        break;
      case 'and':
        this.list(node.operands, ' AND ', true);
        break;
      case 'or':
        if (wrapOr) this.text('(');
        this.list(node.operands, ' OR ', false);
        if (wrapOr) this.text(')');
        break;
      case 'not':
        this.text('NOT (');
        this.node(node.operand, false);
        this.text(')');
        break;
    }
  }

  private compare(node: CompareNode): void {
    const cast = pgCast([node.left, node.right], this.dialect);
    this.value(node.left, cast);
    this.text(` ${sqlOperator[node.operator]} `);
    this.value(node.right, cast);
  }

  private in(node: InNode): void {
    const cast = pgCast([node.value, ...node.list], this.dialect);
    this.value(node.value, cast);
    this.text(' IN (');
    node.list.forEach((item, i) => {
      if (i > 0) this.text(', ');
      this.value(item, cast);
    });
    this.text(')');
  }
}

/** Compiles one or more policies, OR-ed, into SQL pieces; no policies compile to `FALSE`. */
export function compilePolicies(asts: readonly PolicyNode[], caller: PolicyCaller, dialect: SqlDialect): SqlPiece[] {
  if (asts.length === 0) return [{ kind: 'text', text: 'FALSE' }];
  const compiler = new Compiler(caller, dialect);
  // The top counts as an AND operand, so the predicate can be AND-ed with other conditions as is.
  compiler.node(asts.length === 1 ? asts[0] : { kind: 'or', operands: [...asts] }, true);
  return compiler.pieces;
}
