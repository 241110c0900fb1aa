/**
 * The data core: rows of user tables, read and written as a caller. Every table and column
 * name is checked against the catalogue (404 for a table, 400 `INVALID_QUERY` for a
 * column), identifiers are quoted, values are bound. Row-level security
 * (`row-security.ts`) filters reads, updates and deletes in SQL and checks written rows with
 * `evaluatePolicy` inside the same transaction. `/api/tables`, `/rest/v1` and the unified
 * operation all go through here, so they enforce the same rules.
 */
import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import { type Awaitable, andThen } from '../awaitable';
import type { Database } from '../db/database';
import { quoteIdentifier, SqlText } from '../db/sql-text';
import type { Caller } from './caller';
import { compileFilter, TRUE_SQL } from './compile-filter';
import { type DataError, dataErrors } from './data-error';
import { withEngineErrors } from './engine-errors';
import type { Filter } from './filters';
import { withGeneratedKey } from './generated-key';
import type { RlsStore } from './policy/store';
import { type RowAccess, type RowOperation, rowAccess } from './row-security';
import { columnOf, type OrderBy, SelectTexts } from './select-text';
import { TableCache, type TableMeta } from './table-cache';
import { fromDbRow, type Row, toDbValue } from './values';

export type { OrderBy } from './select-text';

/** What `select` reads. */
export interface SelectOptions {
  table: string;
  filter?: Filter;
  /** The columns to return; every column when absent. */
  columns?: string[];
  /** Sort keys; the primary key breaks ties (and orders rows when there are none). */
  order?: OrderBy[];
  limit: number;
  offset: number;
}

/** A page of rows, the columns they carry, and how many rows match before paging. */
export interface SelectResult {
  rows: Row[];
  columns: string[];
  total: number;
}

/** How `insert` treats a row whose conflict key exists. */
export interface InsertOptions {
  /** Update the existing row (or keep it, with `ignoreDuplicates`) instead of failing. */
  upsert?: boolean;
  /** The conflict target; the primary key when absent. */
  onConflict?: string[];
  /** With `upsert`: keep existing rows untouched and leave them out of the answer. */
  ignoreDuplicates?: boolean;
}

/** A primary-key value: a scalar (text from a URL is converted) or, for composite keys, an object. */
export type RowKey = string | number | Row;

type Db = Kysely<any> | Transaction<any>;

/** The most parameters one INSERT binds (SQLite allows 32766, PostgreSQL 65535). */
const MAX_PARAMETERS = 30000;

function invalid(message: string): DataError {
  return dataErrors.invalidQuery(message);
}

function forbidden(operation: RowOperation, table: string): DataError {
  return dataErrors.forbidden(`No row-level security policy lets you ${operation} rows of ${table}.`);
}

function isPlainObject(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPaging(limit: number, offset: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) throw invalid('limit is a non-negative integer.');
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('offset is a non-negative integer.');
}

/** Rows of user tables, as a caller sees them. */
export class RowService {
  private readonly tables: TableCache;
  private readonly texts = new SelectTexts();
  private readonly changed?: () => Promise<void>;

  /**
   * `tables` keeps the table descriptions (one is made when not given); `changed` is told after
   * every schema change, so the other instances forget theirs (`db/instance-changes.ts`).
   */
  constructor(
    private readonly database: Database,
    private readonly rls: RlsStore,
    options: { tables?: TableCache; changed?: () => Promise<void> } = {},
  ) {
    this.tables = options.tables ?? new TableCache(database);
    this.changed = options.changed;
  }

  private get db(): Kysely<any> {
    return this.database.db as unknown as Kysely<any>;
  }

  /** The table's description (at once when cached); 404 NOT_FOUND when it is not a user table. */
  table(name: string): Awaitable<TableMeta> {
    return this.tables.get(name);
  }

  /** The table's description, or undefined when there is no such table or it cannot be read. */
  async tableIfAny(name: string): Promise<TableMeta | undefined> {
    try {
      return await this.tables.get(name);
    } catch {
      return undefined;
    }
  }

  /** Forgets cached table descriptions after a schema change (one table, or all), here and on every other instance. */
  invalidate(table?: string): void {
    this.tables.invalidate(table);
    void this.changed?.();
  }

  /** The table's primary-key columns in key order; empty when it has none. */
  async primaryKey(table: string): Promise<string[]> {
    return (await this.tables.get(table)).primaryKey;
  }

  /**
   * The rows `filter` selects among those `access` lets the caller see: a predicate, or
   * nothing when every row is selected (`whereClause` then leaves the clause out).
   */
  private where(meta: TableMeta, filter: Filter | undefined, access: RowAccess): SqlText {
    const where = filter ? compileFilter(filter, this.database.engine, meta.byName) : new SqlText();
    if (access.kind === 'policies')
      where
        .write(where.empty ? '(' : ' AND (')
        .append(access.predicate)
        .write(')');
    return where;
  }

  /**
   * ` where <predicate>`, or nothing for every row: a constant `where (1 = 1)` makes SQLite
   * count a table row by row (82 µs for 10,000 rows) instead of from its b-tree (7 µs).
   */
  private whereClause(where: SqlText): SqlText {
    return where.empty ? where : new SqlText().write(' where ').append(where);
  }

  /** The predicate for a query built with Kysely (`TRUE` for every row). */
  private predicate(where: SqlText) {
    return (where.empty ? new SqlText().write(TRUE_SQL) : where).toKysely();
  }

  private run(query: SqlText): Awaitable<Row[]> {
    return withEngineErrors(() => this.database.read<Row>(query.compile(this.database.engine)));
  }

  private access(caller: Caller, meta: TableMeta, operation: RowOperation): Awaitable<RowAccess> {
    return rowAccess(this.rls, this.database, caller, meta.name, operation, meta.names);
  }

  private normalise(meta: TableMeta, rows: Row[]): Row[] {
    return rows.map((row) => fromDbRow(this.database.engine, meta.types, row));
  }

  private selectQuery(meta: TableMeta, options: SelectOptions, where: SqlText) {
    checkPaging(options.limit, options.offset);
    const { columns, text } = this.texts.list(meta, options.columns);
    const order = this.texts.order(meta, options.order);
    // The page size is written into the SQL, not bound (checkPaging made it a safe integer).
    // SQLite plans with a bound LIMIT's value and marks the statement to be prepared again
    // whenever that binding changes; better-sqlite3 binds afresh on every run, so a kept
    // statement with `limit ?` was prepared again each time (a lookup by key: 17 µs, not 11).
    // A page size takes few values, so few statements are kept; the offset, which takes many, is bound.
    const query = new SqlText()
      .write(`select ${text} from ${quoteIdentifier(meta.name)}`)
      .append(this.whereClause(where))
      .write(`${order ? ` order by ${order}` : ''} limit ${options.limit} offset `)
      .value(options.offset);
    return { query, columns };
  }

  /**
   * A page of the rows the caller may see, and how many match in all (under the same
   * row-level security, so totals never count rows the caller cannot see). Answered at once,
   * without a promise, when nothing had to wait: the table described a moment ago, an admin or
   * service caller, a read on SQLite outside a transaction. A bad request rejects, as from an
   * async function.
   * @example await rows.select(caller, { table: 'posts', filter: { column: 'published', op: 'eq', value: true }, limit: 50, offset: 0 })
   */
  select(caller: Caller, options: SelectOptions): Awaitable<SelectResult> {
    try {
      return andThen(this.tables.get(options.table), (meta) =>
        andThen(this.access(caller, meta, 'select'), (access) => this.selectPage(meta, access, options)),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The page `options` asks for under `access`; the total is counted only when the page cannot tell it. */
  private selectPage(meta: TableMeta, access: RowAccess, options: SelectOptions): Awaitable<SelectResult> {
    const where = this.where(meta, options.filter, access);
    const { query, columns } = this.selectQuery(meta, options, where);
    if (access.kind === 'policies' && !access.covered) return { rows: [], columns, total: 0 };
    return andThen(this.run(query), (rows) => {
      const page = (total: number) => ({ rows: this.normalise(meta, rows), columns, total });
      const known = rows.length < options.limit && (rows.length > 0 || options.offset === 0);
      return known ? page(options.offset + rows.length) : andThen(this.countWhere(meta, where), page);
    });
  }

  private countWhere(meta: TableMeta, where: SqlText): Awaitable<number> {
    const query = new SqlText()
      .write(`select count(*) as "n" from ${quoteIdentifier(meta.name)}`)
      .append(this.whereClause(where));
    return andThen(this.run(query), ([row]) => Number(row.n));
  }

  /** How many rows matching `filter` the caller may see. */
  async count(caller: Caller, table: string, filter?: Filter): Promise<number> {
    const meta = await this.tables.get(table);
    const access = await this.access(caller, meta, 'select');
    const where = this.where(meta, filter, access);
    if (access.kind === 'policies' && !access.covered) return 0;
    return this.countWhere(meta, where);
  }

  /** The engine's plan for `select` (one line per step) and the SQL it would run. */
  async explain(caller: Caller, options: SelectOptions): Promise<{ plan: string[]; sql: string }> {
    const meta = await this.tables.get(options.table);
    const access = await this.access(caller, meta, 'select');
    const { query } = this.selectQuery(meta, options, this.where(meta, options.filter, access));
    const compiled = query.compile(this.database.engine);
    const prefix = this.database.engine === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const result = await withEngineErrors(() =>
      this.db.executeQuery<Row>(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters])),
    );
    const plan = result.rows.map((r) => String(r.detail ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
    return { plan, sql: compiled.sql };
  }

  /** The filter that selects the row whose primary key is `key`; undefined when `key` cannot match. */
  keyFilter(meta: TableMeta, key: RowKey): Filter | undefined {
    if (meta.primaryKey.length === 0) throw invalid(`The table ${meta.name} has no primary key.`);
    if (isPlainObject(key)) {
      const conditions = meta.primaryKey.map((name) => {
        if (!Object.hasOwn(key, name)) throw invalid(`The key lacks its column ${name}.`);
        return { column: name, op: 'eq' as const, value: key[name] };
      });
      return { and: conditions };
    }
    if (meta.primaryKey.length > 1)
      throw invalid(`The table ${meta.name} has a composite primary key; a single value cannot address a row.`);
    const column = meta.byName.get(meta.primaryKey[0])!;
    let value: unknown = key;
    if (column.portable === 'integer' || column.portable === 'bigint') {
      if (typeof key === 'string' && !/^-?\d{1,19}$/.test(key)) return undefined;
      value = Number(key);
    } else if (column.portable === 'uuid' && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(String(key))) {
      return undefined;
    }
    return { column: column.name, op: 'eq', value };
  }

  /** The row whose primary key is `key`, if the caller may see it. */
  async getByKey(caller: Caller, table: string, key: RowKey): Promise<Row | undefined> {
    const meta = await this.tables.get(table);
    const filter = this.keyFilter(meta, key);
    if (!filter) return undefined;
    const { rows } = await this.select(caller, { table, filter, limit: 1, offset: 0 });
    return rows[0];
  }

  private values(meta: TableMeta, row: unknown, what: string): Row {
    if (!isPlainObject(row)) throw invalid(`${what} is an object keyed by column name.`);
    const out: Row = {};
    for (const [name, value] of Object.entries(row)) {
      const column = columnOf(meta, name);
      if (value !== undefined) out[column.name] = toDbValue(this.database.engine, column, value);
    }
    return out;
  }

  private inWriteTransaction<T>(needed: boolean, work: (db: Db) => Promise<T>): Promise<T> {
    return withEngineErrors(() => (needed ? this.db.transaction().execute((trx) => work(trx)) : work(this.db)));
  }

  /**
   * Inserts rows (all or none) and answers them as stored. Under row-level security every
   * stored row must pass an insert policy (and, for an upsert that changes an existing row,
   * an update policy before and after), or nothing is written and the answer is 403.
   */
  async insert(caller: Caller, table: string, rows: Row[], options: InsertOptions = {}): Promise<Row[]> {
    const meta = await this.tables.get(table);
    if (!Array.isArray(rows)) throw invalid('Rows come as an array.');
    if (rows.length === 0) return [];
    const values = rows.map((row, i) => withGeneratedKey(meta, this.values(meta, row, `Row ${i}`)));
    const conflict = options.upsert ? this.conflictTarget(meta, options.onConflict) : undefined;
    const insertAccess = await this.access(caller, meta, 'insert');
    if (insertAccess.kind === 'policies' && !insertAccess.covered) throw forbidden('insert', meta.name);
    const merging = conflict !== undefined && !options.ignoreDuplicates;
    const updateAccess = merging ? await this.access(caller, meta, 'update') : ({ kind: 'bypass' } as const);
    const checked = insertAccess.kind === 'policies' || updateAccess.kind === 'policies';
    return this.inWriteTransaction(checked || values.length > 1, async (db) => {
      const existing =
        merging && updateAccess.kind === 'policies' ? await this.existingKeys(db, meta, conflict, values) : undefined;
      if (existing && existing.size > 0) {
        if (updateAccess.kind === 'policies' && !updateAccess.covered) throw forbidden('update', meta.name);
        for (const row of existing.values()) if (!this.allows(updateAccess, row)) throw forbidden('update', meta.name);
      }
      const stored = this.normalise(meta, await this.runInserts(db, meta, values, conflict, options));
      await this.advanceIdentity(db, meta, values);
      for (const row of stored) {
        const wasThere = existing?.has(this.keyOf(conflict ?? [], row));
        if (!this.allows(wasThere ? updateAccess : insertAccess, row))
          throw forbidden(wasThere ? 'update' : 'insert', meta.name);
      }
      return stored;
    });
  }

  /**
   * PostgreSQL identity columns do not see explicit values: after rows were inserted with
   * their own keys, the sequence moves past the largest key, or the next generated key collides.
   */
  private async advanceIdentity(db: Db, meta: TableMeta, values: Row[]): Promise<void> {
    if (this.database.engine !== 'postgres') return;
    for (const column of meta.columns) {
      if (!column.generated || !values.some((v) => v[column.name] !== undefined)) continue;
      const ref = sql.ref(column.name);
      await sql`select setval(pg_get_serial_sequence(${`"${meta.name}"`}, ${column.name}),
        greatest(coalesce((select max(${ref}) from ${sql.id(meta.name)}), 0), 1),
        (select max(${ref}) is not null from ${sql.id(meta.name)}))`.execute(db);
    }
  }

  private allows(access: RowAccess, row: Row): boolean {
    return access.kind === 'bypass' || access.allows(row);
  }

  private conflictTarget(meta: TableMeta, onConflict: string[] | undefined): string[] {
    const target = onConflict && onConflict.length > 0 ? onConflict : meta.primaryKey;
    if (target.length === 0) throw invalid(`The table ${meta.name} has no primary key; name the conflict columns.`);
    return target.map((c) => columnOf(meta, c).name);
  }

  private keyOf(columns: string[], row: Row): string {
    return JSON.stringify(columns.map((c) => row[c] ?? null));
  }

  /** The stored rows (normalised) whose conflict key one of `values` carries, by key. */
  private async existingKeys(db: Db, meta: TableMeta, conflict: string[], values: Row[]): Promise<Map<string, Row>> {
    const found = new Map<string, Row>();
    const keyed = values.filter((v) => conflict.every((c) => v[c] !== null && v[c] !== undefined));
    const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / conflict.length));
    for (let i = 0; i < keyed.length; i += chunk) {
      const any = keyed.slice(i, i + chunk).map(
        (v) =>
          sql<boolean>`(${sql.join(
            conflict.map((c) => sql`${sql.ref(c)} = ${v[c]}`),
            sql.raw(' AND '),
          )})`,
      );
      const rows = await db
        .selectFrom(meta.name)
        .selectAll()
        .where(sql<boolean>`(${sql.join(any, sql.raw(' OR '))})`)
        .execute();
      for (const row of this.normalise(meta, rows)) found.set(this.keyOf(conflict, row), row);
    }
    return found;
  }

  private async runInserts(
    db: Db,
    meta: TableMeta,
    values: Row[],
    conflict: string[] | undefined,
    options: InsertOptions,
  ): Promise<Row[]> {
    const keys = Object.keys(values[0]).sort().join(',');
    const uniform = keys !== '' && values.every((v) => Object.keys(v).sort().join(',') === keys);
    const perStatement = uniform ? Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(values[0]).length)) : 1;
    const out: Row[] = [];
    for (let i = 0; i < values.length; i += perStatement) {
      const batch = values.slice(i, i + perStatement);
      const base =
        Object.keys(batch[0]).length === 0
          ? db.insertInto(meta.name).defaultValues()
          : db.insertInto(meta.name).values(batch);
      const query = conflict ? base.onConflict((oc) => this.onConflict(oc, conflict, batch, options)) : base;
      out.push(...(await query.returningAll().execute()));
    }
    return out;
  }

  private onConflict(oc: any, conflict: string[], batch: Row[], options: InsertOptions) {
    const target = oc.columns(conflict);
    const changed = [...new Set(batch.flatMap((v) => Object.keys(v)))].filter((c) => !conflict.includes(c));
    if (options.ignoreDuplicates || changed.length === 0) return target.doNothing();
    return target.doUpdateSet(Object.fromEntries(changed.map((c) => [c, (eb: any) => eb.ref(`excluded.${c}`)])));
  }

  /**
   * Sets `changes` on the rows matching `filter` that the caller may update, and answers
   * them as stored. Under row-level security each changed row must still pass an update
   * policy, or nothing is written and the answer is 403.
   */
  async update(caller: Caller, table: string, filter: Filter, changes: Row): Promise<Row[]> {
    const meta = await this.tables.get(table);
    const values = this.values(meta, changes, 'The changes');
    if (Object.keys(values).length === 0) throw invalid('Name at least one column to change.');
    const access = await this.access(caller, meta, 'update');
    if (access.kind === 'policies' && !access.covered) throw forbidden('update', meta.name);
    const where = this.where(meta, filter, access);
    return this.inWriteTransaction(access.kind === 'policies', async (db) => {
      const rows = await db.updateTable(meta.name).set(values).where(this.predicate(where)).returningAll().execute();
      const stored = this.normalise(meta, rows);
      if (stored.some((row) => !this.allows(access, row))) throw forbidden('update', meta.name);
      return stored;
    });
  }

  /** Deletes the rows matching `filter` that the caller may delete, and answers them. */
  async delete(caller: Caller, table: string, filter: Filter): Promise<Row[]> {
    const meta = await this.tables.get(table);
    const access = await this.access(caller, meta, 'delete');
    if (access.kind === 'policies' && !access.covered) throw forbidden('delete', meta.name);
    const where = this.where(meta, filter, access);
    const rows = await withEngineErrors(() =>
      this.db.deleteFrom(meta.name).where(this.predicate(where)).returningAll().execute(),
    );
    return this.normalise(meta, rows);
  }
}
