/**
 * Tables, indexes and foreign keys of user tables: create, drop, describe. Every name is
 * checked against the catalogue first (404 for a table in the path, 400 `INVALID_QUERY`
 * for a name in the body, 409 for a name in use), and the DDL comes from `ddl.ts`.
 */

import type { components } from '@lockstep/contract';
import { type Kysely, sql } from 'kysely';
import { type CatalogueColumn, describeTable, listTables, type TableDescription } from '../db/catalogue';
import type { Database } from '../db/database';
import type { Caller } from './caller';
import { syncCapture } from './change-capture';
import { defaultValueOf } from './column-types';
import { type DataError, dataErrors } from './data-error';
import {
  type CreateTableRequest,
  checkName,
  checkNewTableName,
  createIndexSql,
  createTableSql,
  dropIndexSql,
  normaliseColumns,
} from './ddl';
import { withEngineErrors } from './engine-errors';
import {
  allForeignKeys,
  type ForeignKeyInfo,
  type IndexInfo,
  listForeignKeys,
  listIndexes,
  relationExists,
} from './keys-catalogue';
import type { RlsStore } from './policy/store';
import { readPolicies } from './row-security';
import type { RowService } from './row-service';
import { ServerEvents } from './server-events';
import { rebuildWithConstraint } from './sqlite-rebuild';
import { databaseStatistics } from './statistics';

type Schemas = components['schemas'];
/** A table's schema (`DatabaseTableSchema`). */
export type TableSchema = Schemas['DatabaseTableSchema'];
/** An index (`DatabaseIndex`). */
export type Index = Schemas['DatabaseIndex'];
/** A foreign key (`DatabaseRelationship`). */
export type Relationship = Schemas['DatabaseRelationship'];
/** A table seen as a collection (`DatabaseCollection`). */
export type Collection = Schemas['DatabaseCollection'];

const ON_DELETE_SQL = { cascade: 'CASCADE', set_null: 'SET NULL', restrict: 'RESTRICT' } as const;

function invalid(message: string): DataError {
  return dataErrors.invalidQuery(message);
}

function quoteIdent(name: string): string {
  return `"${checkName(name)}"`;
}

function toIndex(info: IndexInfo): Index {
  return { name: info.name, columns: info.columns, unique: info.unique, type: info.type };
}

/** Schema operations on user tables. */
export class SchemaService {
  constructor(
    private readonly database: Database,
    private readonly rows: RowService,
    private readonly rls: RlsStore,
    private readonly events = new ServerEvents(),
  ) {}

  private get db(): Kysely<any> {
    return this.database.db as unknown as Kysely<any>;
  }

  private async described(table: string): Promise<TableDescription> {
    const description = await describeTable(this.database, table);
    if (!description) throw dataErrors.notFound(`Table ${table}`);
    return description;
  }

  /** The user tables' names, sorted. */
  listTables(): Promise<string[]> {
    return listTables(this.database);
  }

  private column(
    c: CatalogueColumn,
    keys: TableDescription['primaryKey'],
    indexes: IndexInfo[],
    fks: ForeignKeyInfo[],
  ) {
    const unique =
      (c.primary_key && keys.length === 1) ||
      indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === c.name);
    const out: Schemas['DatabaseColumn'] = {
      name: c.name,
      type: c.portable ?? c.type,
      nullable: c.nullable,
      primary_key: c.primary_key,
      unique,
    };
    const dflt = defaultValueOf(this.database.engine, c.portable, c.default_value);
    if (dflt !== undefined) out.default = dflt as Schemas['DatabaseScalar'];
    const fk = fks.find((k) => k.source_column === c.name);
    if (fk) out.references = { table: fk.target_table, column: fk.target_column, on_delete: fk.on_delete };
    return out;
  }

  /** The table's columns in table order, with keys, uniqueness, defaults and references; 404 when absent. */
  async tableSchema(table: string): Promise<TableSchema> {
    const description = await this.described(table);
    const [indexes, fks] = await Promise.all([
      listIndexes(this.database, table),
      listForeignKeys(this.database, table),
    ]);
    return {
      name: description.name,
      columns: description.columns.map((c) => this.column(c, description.primaryKey, indexes, fks)),
      primary_key: description.primaryKey,
    };
  }

  private async checkReference(
    own: { table: string; columns: CreateTableRequest['columns'] } | undefined,
    target: { table: string; column: string },
  ): Promise<void> {
    if (own && target.table === own.table) {
      const column = own.columns.find((c) => c.name === target.column);
      if (!column) throw invalid(`The table ${own.table} has no column ${target.column}.`);
      const keys = own.columns.filter((c) => c.primary_key);
      if (!column.unique && !(column.primary_key && keys.length === 1))
        throw dataErrors.conflict(`${own.table}.${target.column} is neither the primary key nor unique.`);
      return;
    }
    const description = await describeTable(this.database, target.table);
    if (!description) throw invalid(`The referenced table ${target.table} does not exist.`);
    const column = description.columns.find((c) => c.name === target.column);
    if (!column) throw invalid(`The referenced table ${target.table} has no column ${target.column}.`);
    const unique =
      (column.primary_key && description.primaryKey.length === 1) ||
      (await listIndexes(this.database, target.table)).some(
        (i) => i.unique && i.columns.length === 1 && i.columns[0] === target.column,
      );
    if (!unique) throw dataErrors.conflict(`${target.table}.${target.column} is neither the primary key nor unique.`);
  }

  /** Checks a create-table request against the catalogue and answers its `CREATE TABLE` statement. */
  async createTableStatement(request: CreateTableRequest, pending: ReadonlySet<string> = new Set()): Promise<string> {
    checkNewTableName(checkName(request.name));
    for (const column of request.columns) {
      checkName(column.name);
      if (column.references) [column.references.table, column.references.column].forEach(checkName);
    }
    if (pending.has(request.name) || (await relationExists(this.database, request.name)))
      throw dataErrors.conflict(`A table or index named ${request.name} exists.`);
    const columns = normaliseColumns(request);
    for (const column of columns) {
      if (column.references && !pending.has(column.references.table))
        await this.checkReference({ table: request.name, columns }, column.references);
    }
    return createTableSql(this.db, this.database.engine, request.name, columns);
  }

  /** Creates a table and answers its schema. */
  async createTable(request: CreateTableRequest): Promise<TableSchema> {
    const statement = await this.createTableStatement(request);
    await withEngineErrors(() =>
      this.db.transaction().execute(async (trx) => {
        await sql.raw(statement).execute(trx);
        await syncCapture(trx, this.database.engine);
      }),
    );
    this.rows.invalidate(request.name);
    const schema = await this.tableSchema(request.name);
    await this.events.emit('database.table.created', { table: request.name });
    return schema;
  }

  /** Drops a table with its indexes and policies; 409 while other tables reference it. */
  async dropTable(table: string): Promise<void> {
    const description = await this.described(table);
    const tables = await listTables(this.database);
    const referencing = (await allForeignKeys(this.database, tables)).filter(
      (k) => k.target_table === description.name && k.source_table !== description.name,
    );
    if (referencing.length > 0) {
      const names = [...new Set(referencing.map((k) => k.source_table))].join(', ');
      throw dataErrors.conflict(`${table} is referenced by ${names}; drop those relationships or tables first.`);
    }
    await withEngineErrors(() => this.db.schema.dropTable(description.name).execute());
    this.rows.invalidate(table);
    // As stored now, not as kept for requests: a policy another instance just added goes too.
    for (const policy of await readPolicies(this.rls, this.database, description.name))
      await this.rls.delete(policy.table_name, policy.id);
    await this.events.emit('database.table.dropped', { table: description.name });
  }

  /** The table's indexes, sorted by name; 404 when the table is absent. */
  async indexes(table: string): Promise<Index[]> {
    await this.described(table);
    return (await listIndexes(this.database, table)).map(toIndex);
  }

  /** Creates an index and answers it. */
  async createIndex(table: string, request: Schemas['DatabaseCreateIndexRequest']): Promise<Index> {
    const description = await this.described(table);
    [request.name, ...request.columns].forEach(checkName);
    for (const name of request.columns)
      if (!description.columns.some((c) => c.name === name)) throw invalid(`The table ${table} has no column ${name}.`);
    const type = request.type ?? 'btree';
    if (type !== 'btree' && this.database.engine === 'sqlite')
      throw dataErrors.unsupported(`${type} indexes exist on PostgreSQL only; SQLite has btree.`);
    if (await relationExists(this.database, request.name))
      throw dataErrors.conflict(`A table or index named ${request.name} exists.`);
    const statement = createIndexSql(
      this.db,
      description.name,
      request.name,
      request.columns,
      request.unique ?? false,
      type,
      this.database.engine,
    );
    await withEngineErrors(() => sql.raw(statement).execute(this.db));
    const created = (await listIndexes(this.database, table)).find((i) => i.name === request.name);
    if (!created) throw new Error(`index ${request.name} not found after creation`);
    return toIndex(created);
  }

  /** Drops an index of the table; 404 when it has none of that name, 409 when a key backs it. */
  async dropIndex(table: string, name: string): Promise<void> {
    await this.described(table);
    checkName(name);
    const index = (await listIndexes(this.database, table)).find((i) => i.name === name);
    if (!index) throw dataErrors.notFound(`Index ${name} of ${table}`);
    if (index.constraint)
      throw dataErrors.conflict(`${name} backs the primary key or a unique constraint; it cannot be dropped alone.`);
    await withEngineErrors(() => sql.raw(dropIndexSql(this.db, name)).execute(this.db));
  }

  /** The table's outgoing foreign keys, sorted by name; 404 when the table is absent. */
  async relationships(table: string): Promise<Relationship[]> {
    await this.described(table);
    return listForeignKeys(this.database, table);
  }

  /** Adds a foreign key from `table` and answers it. */
  async createRelationship(
    table: string,
    request: Schemas['DatabaseCreateRelationshipRequest'],
  ): Promise<Relationship> {
    const description = await this.described(table);
    [request.name, request.source_column, request.target_table, request.target_column].forEach(checkName);
    if (!description.columns.some((c) => c.name === request.source_column))
      throw invalid(`The table ${table} has no column ${request.source_column}.`);
    await this.checkReference(undefined, { table: request.target_table, column: request.target_column });
    const existing = await allForeignKeys(this.database, await listTables(this.database));
    if (existing.some((k) => k.name === request.name) || (await relationExists(this.database, request.name)))
      throw dataErrors.conflict(`A relationship or relation named ${request.name} exists.`);
    const onDelete = request.on_delete ?? 'restrict';
    const clause = `CONSTRAINT ${quoteIdent(request.name)} FOREIGN KEY (${quoteIdent(request.source_column)}) REFERENCES ${quoteIdent(request.target_table)} (${quoteIdent(request.target_column)}) ON DELETE ${ON_DELETE_SQL[onDelete]}`;
    await withEngineErrors(async () => {
      if (this.database.engine === 'sqlite') await rebuildWithConstraint(this.db, description.name, clause);
      else await sql`alter table ${sql.id(description.name)} add ${sql.raw(clause)}`.execute(this.db);
    });
    this.rows.invalidate(table);
    return {
      name: request.name,
      source_table: description.name,
      source_column: request.source_column,
      target_table: request.target_table,
      target_column: request.target_column,
      on_delete: onDelete,
    };
  }

  /** Every user table's schema and every foreign key between them. */
  async erd(): Promise<Schemas['DatabaseErd']> {
    const names = await listTables(this.database);
    const tables = [];
    for (const name of names) tables.push(await this.tableSchema(name));
    return { tables, relationships: await allForeignKeys(this.database, names) };
  }

  /** A table as a collection: its columns and the rows `caller` may see. */
  async collection(caller: Caller, table: string): Promise<Collection> {
    const description = await this.described(table);
    return {
      name: description.name,
      row_count: await this.rows.count(caller, description.name),
      columns: description.columns.map((c) => {
        const column: Collection['columns'][number] = {
          name: c.name,
          type: c.portable ?? c.type,
          nullable: c.nullable,
        };
        if (c.default_value !== null) column.default_value = c.default_value;
        return column;
      }),
    };
  }

  /** Counts and sizes of the whole database (`DatabaseStatistics`). */
  statistics(): Promise<Schemas['DatabaseStatistics']> {
    return databaseStatistics(this.database);
  }
}
