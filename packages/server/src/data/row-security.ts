/**
 * Row-level security as the data core applies it. Admin and service callers bypass it. For
 * anyone else, a table with no enabled policy is open; once it has one, an operation sees
 * only the rows that pass the OR of the enabled policies for that operation (or `all`),
 * and an operation no enabled policy covers sees no row (reads) or is refused (writes).
 * A stored policy that no longer parses or names a dropped column matches nothing.
 */
import { sql } from 'kysely';
import type { Awaitable } from '../awaitable';
import type { Database } from '../db/database';
import type { SqlText } from '../db/sql-text';
import { type Caller, isPrivileged } from './caller';
import {
  evaluatePolicy,
  type PolicyCaller,
  type PolicyNode,
  parsePolicy,
  policiesToSql,
  referencedColumns,
} from './policy';
import type { RlsStore } from './policy/store';
import type { Row } from './values';

/** A row operation policies are written for. */
export type RowOperation = 'select' | 'insert' | 'update' | 'delete';

/** What a caller may do on one table for one operation. */
export type RowAccess =
  | { kind: 'bypass' }
  | {
      kind: 'policies';
      /** Whether any enabled policy covers the operation. */
      covered: boolean;
      /** The SQL predicate rows must pass (`FALSE` when not covered). */
      predicate: SqlText;
      /** Whether `row` (normalised) passes. */
      allows: (row: Row) => boolean;
    };

const parsed = new Map<string, PolicyNode | null>();

function parseCached(expression: string): PolicyNode | null {
  let ast = parsed.get(expression);
  if (ast === undefined) {
    try {
      ast = parsePolicy(expression);
    } catch {
      ast = null;
    }
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(expression, ast);
  }
  return ast;
}

/** A stored policy, as `RlsStore` keeps it. */
export type StoredPolicy = Awaited<ReturnType<RlsStore['listFor']>>[number];

/** `name` with ASCII letters in lower case, as SQLite's NOCASE compares (other letters keep their case). */
function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The policies of `table` as stored now. SQLite names a table without regard to ASCII case,
 * so there a policy stored under another spelling of the name (`/auth/rls/Notes`) applies as
 * well. For deciding what a request may see, `policiesOf` keeps them for a moment.
 */
export function readPolicies(rls: RlsStore, database: Database, table: string): Promise<StoredPolicy[]> {
  if (database.engine === 'postgres') return rls.listFor(table);
  return database.db
    .selectFrom('ls_rls_policies')
    .selectAll()
    .where(sql<boolean>`table_name = ${table} collate nocase`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The policies of `table` (`readPolicies`), kept for a moment by the store (`RlsStore.keptFor`). */
export function policiesOf(rls: RlsStore, database: Database, table: string): Promise<StoredPolicy[]> {
  const key = database.engine === 'postgres' ? table : asciiLower(table);
  return rls.keptFor(key, () => readPolicies(rls, database, table));
}

/** The policy view of a caller: `uid` is null for anon. */
export function policyCaller(caller: Caller): PolicyCaller {
  return caller.kind === 'anon' ? { uid: null, role: 'anon' } : { uid: caller.userId, role: caller.role };
}

const BYPASS: RowAccess = Object.freeze({ kind: 'bypass' });

/**
 * Resolves the caller's access to `table` for `operation`: at once for an admin or service
 * caller, who bypasses row-level security; anyone else's after the table's policies are read.
 */
export function rowAccess(
  rls: RlsStore,
  database: Database,
  caller: Caller,
  table: string,
  operation: RowOperation,
  columns: ReadonlySet<string>,
): Awaitable<RowAccess> {
  if (isPrivileged(caller)) return BYPASS;
  return policyAccess(rls, database, caller, table, operation, columns);
}

async function policyAccess(
  rls: RlsStore,
  database: Database,
  caller: Caller,
  table: string,
  operation: RowOperation,
  columns: ReadonlySet<string>,
): Promise<RowAccess> {
  const enabled = (await policiesOf(rls, database, table)).filter((p) => p.enabled === 1);
  if (enabled.length === 0) return BYPASS;
  const asts = enabled
    .filter((p) => p.operation === operation || p.operation === 'all')
    .map((p) => parseCached(p.expression))
    .filter((ast): ast is PolicyNode => ast !== null && referencedColumns(ast).every((c) => columns.has(c)));
  const who = policyCaller(caller);
  return {
    kind: 'policies',
    covered: asts.length > 0,
    predicate: policiesToSql(asts, who, database.engine),
    allows: (row) => asts.some((ast) => evaluatePolicy(ast, row, who)),
  };
}
