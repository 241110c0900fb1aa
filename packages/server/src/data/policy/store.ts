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

/**
 * How long the policies read for a table are kept. Changes made through the store apply at
 * once, here and (told through `changed`) on every other instance; this bounds what nothing
 * tells (a policy row written by hand in SQL).
 */
const KEEP_POLICIES_MS = 2000;

/** Row-level security policies (`ls_rls_policies`), many per table. */
export class RlsStore {
  /** The policies read per table, so a request under row-level security costs no policy query. */
  private readonly kept = new Map<string, { policies: Promise<PolicyRow[]>; at: number }>();

  private readonly changed: () => Promise<void>;
  private readonly keepMs: number;

  /** `changed` is told after every change made here (the other instances forget their policies: `db/instance-changes.ts`). */
  constructor(
    private readonly db: Kysely<Tables>,
    options: { changed?: () => Promise<void>; keepMs?: number } = {},
  ) {
    this.changed = options.changed ?? (async () => {});
    this.keepMs = options.keepMs ?? KEEP_POLICIES_MS;
  }

  /**
   * The policies of a table as `read` reads them, kept for a moment under `key`. A read is
   * kept from its start, and a change through this store forgets every table once it is
   * written, so no read that began before the change outlives it.
   */
  keptFor(key: string, read: () => Promise<PolicyRow[]>): Promise<PolicyRow[]> {
    const hit = this.kept.get(key);
    if (hit && Date.now() - hit.at < this.keepMs) return hit.policies;
    const entry = { policies: read(), at: Date.now() };
    if (this.kept.size >= 1000) this.kept.clear();
    this.kept.set(key, entry);
    entry.policies.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return entry.policies;
  }

  /** Forgets the policies kept (after every change here, and after a restore replaced them). */
  forget(): void {
    this.kept.clear();
  }

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
    try {
      await this.db.insertInto('ls_rls_policies').values(row).execute();
    } finally {
      this.forget();
    }
    await this.changed();
    return row;
  }

  async update(table: string, id: string, changes: PolicyChanges): Promise<PolicyRow | undefined> {
    const values: Partial<PolicyRow> = {};
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.expression !== undefined) values.expression = changes.expression;
    if (changes.enabled !== undefined) values.enabled = changes.enabled ? 1 : 0;
    if (Object.keys(values).length > 0) {
      try {
        await this.db
          .updateTable('ls_rls_policies')
          .set(values)
          .where('table_name', '=', table)
          .where('id', '=', id)
          .execute();
      } finally {
        this.forget();
      }
      await this.changed();
    }
    return this.byId(table, id);
  }

  async delete(table: string, id: string): Promise<boolean> {
    let deleted: boolean;
    try {
      const result = await this.db
        .deleteFrom('ls_rls_policies')
        .where('table_name', '=', table)
        .where('id', '=', id)
        .executeTakeFirst();
      deleted = Number(result.numDeletedRows) > 0;
    } finally {
      this.forget();
    }
    if (deleted) await this.changed();
    return deleted;
  }
}
