/**
 * The rules of row-level-security policies: a policy belongs to an existing table, its
 * expression parses and names only the table's columns, and its name is unique on the
 * table. Stored by `data/policy/store.ts`, enforced by the data paths.
 */
import type { components } from '@lockstep/contract';
import { PolicySyntaxError, parsePolicy, referencedColumns } from '../../../data/policy';
import { type PolicyChanges, type RlsStore, toPublicPolicy } from '../../../data/policy/store';
import { tableColumns } from '../../../db/catalogue';
import type { Database } from '../../../db/database';
import { errors, HttpError } from '../../../http/http-error';

/** A new policy, as the spec's `AuthRlsPolicyCreate`. */
export type NewPolicy = components['schemas']['AuthRlsPolicyCreate'];

/** Parses `expression` and checks every column it names exists; 400 INVALID_POLICY otherwise. */
function checkExpression(expression: string, columns: string[]): void {
  try {
    const unknown = referencedColumns(parsePolicy(expression)).filter((c) => !columns.includes(c));
    if (unknown.length > 0)
      throw new HttpError(400, 'INVALID_POLICY', `The table has no column ${unknown.join(', ')}.`);
  } catch (error) {
    if (error instanceof PolicySyntaxError) throw new HttpError(400, 'INVALID_POLICY', error.message);
    throw error;
  }
}

/** Row-level-security policies, per table. */
export class RlsService {
  constructor(
    private readonly database: Database,
    private readonly store: RlsStore,
  ) {}

  /** Every policy of `table`; 404 when the table does not exist. */
  async list(table: string) {
    await this.columnsOf(table);
    return (await this.store.listFor(table)).map(toPublicPolicy);
  }

  /** Adds a policy to `table`; 404 for no such table, 400 for a bad expression, 409 for a name in use. */
  async create(table: string, policy: NewPolicy) {
    checkExpression(policy.expression, await this.columnsOf(table));
    if (await this.store.byName(table, policy.name))
      throw errors.conflict(`A policy named ${policy.name} exists on this table.`);
    const { name, operation, expression, enabled } = policy;
    return toPublicPolicy(await this.store.create(table, name, operation, expression, enabled ?? true));
  }

  /** Changes a policy of `table` (renames it, swaps its expression, turns it on or off), with the checks of `create`. */
  async update(table: string, policyId: string, changes: PolicyChanges) {
    const columns = await this.columnsOf(table);
    const current = await this.store.byId(table, policyId);
    if (!current) throw errors.notFound('Policy');
    if (changes.expression !== undefined) checkExpression(changes.expression, columns);
    if (changes.name && changes.name !== current.name && (await this.store.byName(table, changes.name)))
      throw errors.conflict(`A policy named ${changes.name} exists on this table.`);
    return toPublicPolicy((await this.store.update(table, policyId, changes))!);
  }

  /** Removes a policy of `table`; 404 when it has none with that id. */
  async delete(table: string, policyId: string): Promise<void> {
    if (!(await this.store.delete(table, policyId))) throw errors.notFound('Policy');
  }

  private async columnsOf(table: string): Promise<string[]> {
    const columns = await tableColumns(this.database, table);
    if (columns.length === 0) throw errors.notFound(`Table ${table}`);
    return columns.map((c) => c.name);
  }
}
