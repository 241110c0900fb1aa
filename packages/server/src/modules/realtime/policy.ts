/**
 * The realtime module's one door to row-level security: which rows of a table a
 * subscriber may read, decided with the same stored policies and evaluator as the HTTP
 * paths (`data/row-security.ts`), but evaluated in memory per subscriber so a change is
 * checked for a thousand subscribers without a query each. Policies are read once per
 * batch of changes, so an edited policy applies to the next batch.
 */

import { type Caller, isPrivileged } from '../../data/caller';
import { evaluatePolicy, type PolicyNode, parsePolicy, referencedColumns } from '../../data/policy';
import type { RlsStore } from '../../data/policy/store';
import { policiesOf, policyCaller, type StoredPolicy } from '../../data/row-security';
import type { Database } from '../../db/database';

/** Decides, per caller, whether a normalised row may be read. */
export type ReadCheck = (caller: Caller, row: Record<string, unknown>) => boolean;

function parsed(expression: string): PolicyNode | null {
  try {
    return parsePolicy(expression);
  } catch {
    return null;
  }
}

/**
 * The read check of a table from its stored policies, with the data core's rules: admins
 * and service bypass; no enabled policy means open; otherwise the OR of the enabled
 * `select`/`all` policies, where a policy that does not parse or names a missing column
 * matches nothing, and no such policy means no row.
 */
export function readCheckOf(policies: StoredPolicy[], columns: ReadonlySet<string>): ReadCheck {
  const enabled = policies.filter((p) => p.enabled === 1);
  const asts = enabled
    .filter((p) => p.operation === 'select' || p.operation === 'all')
    .map((p) => parsed(p.expression))
    .filter((ast): ast is PolicyNode => ast !== null && referencedColumns(ast).every((c) => columns.has(c)));
  return (caller, row) => {
    if (isPrivileged(caller) || enabled.length === 0) return true;
    const who = policyCaller(caller);
    return asts.some((ast) => evaluatePolicy(ast, row, who));
  };
}

/** Whether any row of a table with `policies` could be readable by `caller` (else subscribing is refused). */
export function mayReadSome(policies: StoredPolicy[], caller: Caller, columns: ReadonlySet<string>): boolean {
  const enabled = policies.filter((p) => p.enabled === 1);
  if (isPrivileged(caller) || enabled.length === 0) return true;
  return enabled.some((p) => {
    if (p.operation !== 'select' && p.operation !== 'all') return false;
    const ast = parsed(p.expression);
    return ast !== null && referencedColumns(ast).every((c) => columns.has(c));
  });
}

/** The stored policies of `table`. */
export function loadPolicies(rls: RlsStore, database: Database, table: string): Promise<StoredPolicy[]> {
  return policiesOf(rls, database, table);
}

/** Loads the read check of `table`. */
export async function loadReadCheck(
  rls: RlsStore,
  database: Database,
  table: string,
  columns: ReadonlySet<string>,
): Promise<ReadCheck> {
  return readCheckOf(await policiesOf(rls, database, table), columns);
}
