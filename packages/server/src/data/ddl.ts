/**
 * The DDL of the database module as SQL text, built with Kysely's schema builder so every
 * identifier is quoted by the dialect. Types come from `column-types.ts` and defaults are
 * checked literals. The same statements are run by `createTable` and written into
 * generated migrations.
 */
import type { components } from '@lockstep/contract';
import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { IDENTIFIER, isReservedTableName } from '../db/catalogue';
import type { Engine } from '../db/database';
import { defaultSql, ENGINE_TYPES } from './column-types';
import { type DataError, dataErrors } from './data-error';
import { constraintName } from './keys-catalogue';

/** A column to create. */
export type ColumnDefinition = components['schemas']['DatabaseColumnDefinition'];
/** A table to create. */
export type CreateTableRequest = components['schemas']['DatabaseCreateTableRequest'];

const ON_DELETE = { cascade: 'cascade', set_null: 'set null', restrict: 'restrict' } as const;

function invalid(message: string): DataError {
  return dataErrors.invalidQuery(message);
}

/** Refuses anything but a plain identifier (the spec checks too; this keeps the services safe alone). */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw invalid(`Not a name: ${JSON.stringify(name)}.`);
  return name;
}

/** Refuses reserved table names (`_`, `ls_`, `sqlite_`) with 400. */
export function checkNewTableName(name: string): void {
  if (isReservedTableName(name)) throw invalid(`Table names starting with _, ls_ or sqlite_ are reserved: ${name}.`);
}

/**
 * The columns of a new table, with the generated `id` key added when none is marked, and
 * checked: no duplicate names, no `id` that is not the key.
 */
export function normaliseColumns(request: CreateTableRequest): ColumnDefinition[] {
  const names = new Set<string>();
  for (const column of request.columns) {
    checkName(column.name);
    if (!Object.hasOwn(ENGINE_TYPES, column.type)) throw invalid(`Unknown column type ${JSON.stringify(column.type)}.`);
    if (names.has(column.name.toLowerCase())) throw invalid(`The column ${column.name} is defined twice.`);
    names.add(column.name.toLowerCase());
  }
  if (request.columns.some((c) => c.primary_key)) return request.columns;
  if (names.has('id')) throw invalid('A column id that is not the primary key: mark a primary key, or rename id.');
  return [{ name: 'id', type: 'bigint', primary_key: true, nullable: false, unique: false }, ...request.columns];
}

/** Whether the column is a single integer key the engine generates. */
function isGeneratedKey(column: ColumnDefinition, keyCount: number): boolean {
  return (
    keyCount === 1 &&
    Boolean(column.primary_key) &&
    (column.type === 'integer' || column.type === 'bigint') &&
    column.default === undefined
  );
}

/** The column's default; a single uuid key without one gets a random uuid, so inserts may leave the key out. */
function keyDefault(column: ColumnDefinition, singleKey: boolean): ColumnDefinition['default'] {
  if (column.default !== undefined || !singleKey || !column.primary_key || column.type !== 'uuid')
    return column.default;
  return 'gen_random_uuid()';
}

function columnType(engine: Engine, column: ColumnDefinition, generated: boolean) {
  // Only `INTEGER PRIMARY KEY` is SQLite's rowid alias, which generates keys.
  if (generated && engine === 'sqlite') return sql.raw('INTEGER');
  return sql.raw(ENGINE_TYPES[column.type][engine]);
}

function columnOptions(
  engine: Engine,
  column: ColumnDefinition,
  options: { generated: boolean; singleKey: boolean; inlineReference: boolean },
) {
  return (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => {
    let out = c;
    if (options.singleKey && column.primary_key) out = out.primaryKey();
    if (options.generated && engine === 'postgres') out = out.generatedByDefaultAsIdentity();
    if (column.primary_key || column.nullable === false) out = out.notNull();
    const dflt = defaultSql(engine, column.name, column.type, keyDefault(column, options.singleKey));
    if (dflt !== undefined) out = out.defaultTo(sql.raw(dflt));
    if (column.unique && !column.primary_key && !options.inlineReference) out = out.unique();
    if (options.inlineReference && column.references) {
      const ref = column.references;
      out = out.references(`${ref.table}.${ref.column}`).onDelete(ON_DELETE[ref.on_delete ?? 'restrict']);
    }
    return out;
  };
}

/** `CREATE TABLE` for the request (after `normaliseColumns`). */
export function createTableSql(db: Kysely<any>, engine: Engine, name: string, columns: ColumnDefinition[]): string {
  const keys = columns.filter((c) => c.primary_key).map((c) => c.name);
  let builder = db.schema.createTable(name);
  for (const column of columns) {
    const generated = isGeneratedKey(column, keys.length);
    builder = builder.addColumn(
      column.name,
      columnType(engine, column, generated),
      columnOptions(engine, column, { generated, singleKey: keys.length === 1, inlineReference: false }),
    );
  }
  if (keys.length > 1) builder = builder.addPrimaryKeyConstraint(constraintName(name, 'pkey'), keys as never);
  for (const column of columns) {
    const ref = column.references;
    if (!ref) continue;
    builder = builder.addForeignKeyConstraint(
      constraintName(name, column.name, 'fkey'),
      [column.name] as never,
      ref.table,
      [ref.column],
      (cb) => cb.onDelete(ON_DELETE[ref.on_delete ?? 'restrict']),
    );
  }
  return builder.compile().sql;
}

/** `ALTER TABLE ... ADD COLUMN`, and a unique index when the column is unique (SQLite cannot add UNIQUE columns). */
export function addColumnSql(db: Kysely<any>, engine: Engine, table: string, column: ColumnDefinition): string[] {
  [table, column.name].forEach(checkName);
  if (!Object.hasOwn(ENGINE_TYPES, column.type)) throw invalid(`Unknown column type ${JSON.stringify(column.type)}.`);
  if (column.primary_key) throw invalid(`A primary-key column cannot be added to an existing table (${column.name}).`);
  const statements = [
    db.schema
      .alterTable(table)
      .addColumn(
        column.name,
        columnType(engine, column, false),
        columnOptions(
          engine,
          { ...column, unique: false },
          { generated: false, singleKey: false, inlineReference: true },
        ),
      )
      .compile().sql,
  ];
  if (column.unique)
    statements.push(createIndexSql(db, table, constraintName(table, column.name, 'key'), [column.name], true, 'btree'));
  return statements;
}

/** `CREATE [UNIQUE] INDEX`. */
export function createIndexSql(
  db: Kysely<any>,
  table: string,
  name: string,
  columns: string[],
  unique: boolean,
  type: 'btree' | 'hash' | 'gin',
  engine: Engine = 'sqlite',
): string {
  let builder = db.schema.createIndex(name).on(table).columns(columns);
  if (unique) builder = builder.unique();
  if (engine === 'postgres' && type !== 'btree') builder = builder.using(type);
  return builder.compile().sql;
}

/** `DROP INDEX`. */
export function dropIndexSql(db: Kysely<any>, name: string): string {
  return db.schema.dropIndex(name).compile().sql;
}

/** `ALTER TABLE ... DROP COLUMN`. */
export function dropColumnSql(db: Kysely<any>, table: string, column: string): string {
  [table, column].forEach(checkName);
  return db.schema.alterTable(table).dropColumn(column).compile().sql;
}

/** `DROP TABLE`. */
export function dropTableSql(db: Kysely<any>, table: string): string {
  return db.schema.dropTable(table).compile().sql;
}
