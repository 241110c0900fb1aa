/**
 * Applies logged changes to tables a restore has just made, inside the restore's
 * transaction: an insert inserts the logged row, an update and a delete find the row by its
 * primary key (exactly one must match). Values go through the same forms as the HTTP paths
 * (the log's engine JSON → the API's values → the column's bound value). Anything that
 * would make the result differ from the database at the target throws a `ReplayError`: a
 * logged row whose columns are not the restored table's (its shape changed in the window),
 * a table without a primary key, a row the log names that is not there.
 */
import type { Kysely } from 'kysely';
import type { ChangeRecord } from '../../data/change-log';
import type { TableMeta } from '../../data/table-cache';
import { type Row, toDbValue } from '../../data/values';
import { describeTable } from '../../db/catalogue';
import type { Database } from '../../db/database';
import { normaliseRow } from '../realtime/changes';

/** Why a replay cannot be faithful; `code` is the prefix of the job's error. */
export class ReplayError extends Error {
  constructor(
    readonly code: 'PITR_SCHEMA_CHANGED' | 'PITR_NO_PRIMARY_KEY' | 'PITR_LOG_DIVERGED' | 'PITR_TABLE_NOT_IN_BASE',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The shape of a table as the log's rows must match it. */
export async function tableMeta(view: Database, table: string): Promise<TableMeta> {
  const description = await describeTable(view, table);
  if (!description) throw new ReplayError('PITR_TABLE_NOT_IN_BASE', `Table ${table} is not in the base snapshot.`);
  return {
    name: description.name,
    columns: description.columns,
    byName: new Map(description.columns.map((c) => [c.name, c])),
    names: new Set(description.columns.map((c) => c.name)),
    types: new Map(description.columns.map((c) => [c.name, c.portable])),
    primaryKey: description.primaryKey,
  };
}

/** Whether a logged row has exactly the columns `shape` names. */
export function sameShape(shape: { names: ReadonlySet<string> }, row: Row): boolean {
  const keys = Object.keys(row);
  return keys.length === shape.names.size && keys.every((k) => shape.names.has(k));
}

/** Throws unless every row of `change` has `meta`'s columns. */
export function checkShape(meta: TableMeta, change: ChangeRecord): void {
  for (const row of [change.newRow, change.oldRow]) {
    if (row && !sameShape(meta, row))
      throw new ReplayError(
        'PITR_SCHEMA_CHANGED',
        `Change ${change.id} (${change.committedAt}) of ${change.table} has columns [${Object.keys(row).join(', ')}], the base snapshot's table has [${[...meta.names].join(', ')}]: its shape changed in the window.`,
      );
  }
}

/** Applies changes to the tables of one restore. */
export class Replayer {
  private readonly metas = new Map<string, TableMeta>();
  /** Tables an insert touched (their identity sequences move on afterwards). */
  readonly inserted = new Set<string>();

  constructor(private readonly view: Database) {}

  private get db(): Kysely<any> {
    return this.view.db as unknown as Kysely<any>;
  }

  private async meta(table: string): Promise<TableMeta> {
    let meta = this.metas.get(table);
    if (!meta) {
      meta = await tableMeta(this.view, table);
      this.metas.set(table, meta);
    }
    return meta;
  }

  private bound(meta: TableMeta, row: Row): Row {
    const api = normaliseRow(this.view.engine, meta, row);
    const out: Row = {};
    for (const [name, value] of Object.entries(api))
      out[name] = toDbValue(this.view.engine, meta.byName.get(name) as never, value);
    return out;
  }

  private keyOf(meta: TableMeta, change: ChangeRecord): Row {
    if (meta.primaryKey.length === 0)
      throw new ReplayError(
        'PITR_NO_PRIMARY_KEY',
        `Table ${meta.name} has no primary key: its logged ${change.kind.toLowerCase()}s cannot name their row.`,
      );
    const row = this.bound(meta, change.oldRow ?? {});
    return Object.fromEntries(meta.primaryKey.map((k) => [k, row[k]]));
  }

  private matched(count: bigint | number, change: ChangeRecord): void {
    if (Number(count) !== 1)
      throw new ReplayError(
        'PITR_LOG_DIVERGED',
        `Change ${change.id} (${change.kind} on ${change.table}) matched ${count} rows, not 1: the table was changed outside the log (TRUNCATE, or a change made while capture was off).`,
      );
  }

  /** Applies one change. */
  async apply(change: ChangeRecord): Promise<void> {
    const meta = await this.meta(change.table);
    checkShape(meta, change);
    if (change.kind === 'INSERT') {
      await this.db
        .insertInto(meta.name)
        .values(this.bound(meta, change.newRow ?? {}))
        .execute();
      this.inserted.add(meta.name);
      return;
    }
    const key = this.keyOf(meta, change);
    if (change.kind === 'UPDATE') {
      let update = this.db.updateTable(meta.name).set(this.bound(meta, change.newRow ?? {}));
      for (const [k, v] of Object.entries(key)) update = update.where(k, '=', v);
      this.matched((await update.executeTakeFirst()).numUpdatedRows, change);
      this.inserted.add(meta.name);
      return;
    }
    let deletion = this.db.deleteFrom(meta.name);
    for (const [k, v] of Object.entries(key)) deletion = deletion.where(k, '=', v);
    this.matched((await deletion.executeTakeFirst()).numDeletedRows, change);
  }
}
