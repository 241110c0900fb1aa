/**
 * Table descriptions read from the catalogue, kept for a moment so a row request costs no
 * catalogue query. Schema changes made through the server invalidate at once, on every
 * instance (`RowService.invalidate`); changes made behind its back are seen within `ttlMs`.
 */
import type { Awaitable } from '../awaitable';
import { type CatalogueColumn, describeTable, type PortableType } from '../db/catalogue';
import type { Database } from '../db/database';
import { dataErrors } from './data-error';

/** A user table as the data core uses it. */
export interface TableMeta {
  name: string;
  columns: CatalogueColumn[];
  byName: Map<string, CatalogueColumn>;
  names: ReadonlySet<string>;
  types: Map<string, PortableType | null>;
  primaryKey: string[];
}

/** Caches `TableMeta` per table name. */
export class TableCache {
  private readonly entries = new Map<string, { meta: TableMeta; at: number }>();

  constructor(
    private readonly database: Database,
    /** @default 2000 */
    private readonly ttlMs = 2000,
  ) {}

  /**
   * The table called `name`: at once when it was read less than `ttlMs` ago, else read from
   * the catalogue; 404 NOT_FOUND when there is no such user table.
   */
  get(name: string): Awaitable<TableMeta> {
    const hit = this.entries.get(name);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.meta;
    return this.read(name);
  }

  private async read(name: string): Promise<TableMeta> {
    const description = typeof name === 'string' ? await describeTable(this.database, name) : undefined;
    if (!description) {
      this.entries.delete(name);
      throw dataErrors.notFound(`Table ${name}`);
    }
    const meta: TableMeta = {
      name: description.name,
      columns: description.columns,
      byName: new Map(description.columns.map((c) => [c.name, c])),
      names: new Set(description.columns.map((c) => c.name)),
      types: new Map(description.columns.map((c) => [c.name, c.portable])),
      primaryKey: description.primaryKey,
    };
    if (this.entries.size >= 1000) this.entries.clear();
    this.entries.set(name, { meta, at: Date.now() });
    return meta;
  }

  /** Forgets one table, or every table. */
  invalidate(name?: string): void {
    if (name === undefined) this.entries.clear();
    else this.entries.delete(name);
  }
}
