import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../clock';
import type { Tables } from '../../db/tables';

type PolicyRow = Selectable<Tables['ls_rls_policies']>;
type Operation = PolicyRow['operation'];

/** A policy as the API shows it (`AuthRlsPolicy`). */
export function toPublicPolicy(row: PolicyRow) {
  return {
    id: row.id,
    table: row.table_name,
    name: row.name,
    operation: row.operation,
    expression: row.expression,
    enabled: row.enabled === 1,
    created_at: row.created_at,
  };
}

export interface PolicyChanges {
  name?: string;
  expression?: string;
  enabled?: boolean;
}

/** Row-level security policies (`ls_rls_policies`), many per table. */
export class RlsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  listFor(table: string): Promise<PolicyRow[]> {
    return this.db
      .selectFrom('ls_rls_policies')
      .selectAll()
      .where('table_name', '=', table)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  byName(table: string, name: string): Promise<PolicyRow | undefined> {
    return this.db
      .selectFrom('ls_rls_policies')
      .selectAll()
      .where('table_name', '=', table)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  byId(table: string, id: string): Promise<PolicyRow | undefined> {
    return this.db
      .selectFrom('ls_rls_policies')
      .selectAll()
      .where('table_name', '=', table)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async create(
    table: string,
    name: string,
    operation: Operation,
    expression: string,
    enabled = true,
  ): Promise<PolicyRow> {
    const row: PolicyRow = {
      id: randomUUID(),
      table_name: table,
      name,
      operation,
      expression,
      enabled: enabled ? 1 : 0,
      created_at: nowIso(),
    };
    await this.db.insertInto('ls_rls_policies').values(row).execute();
    return row;
  }

  async update(table: string, id: string, changes: PolicyChanges): Promise<PolicyRow | undefined> {
    const values: Partial<PolicyRow> = {};
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.expression !== undefined) values.expression = changes.expression;
    if (changes.enabled !== undefined) values.enabled = changes.enabled ? 1 : 0;
    if (Object.keys(values).length > 0) {
      await this.db
        .updateTable('ls_rls_policies')
        .set(values)
        .where('table_name', '=', table)
        .where('id', '=', id)
        .execute();
    }
    return this.byId(table, id);
  }

  async delete(table: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('ls_rls_policies')
      .where('table_name', '=', table)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
