/**
 * What user tables exist, read from the engine's own catalogue (never from a list the
 * server keeps), so checks cannot drift from the database. Internal `ls_` tables are hidden.
 */
import { sql } from 'kysely';
import type { Database } from './database';

/** A column as the catalogue describes it. */
export interface CatalogueColumn {
  name: string;
  type: string;
  nullable: boolean;
  primary_key: boolean;
  default_value: string | null;
}

/** Whether `name` is reserved for the server (`ls_` tables, names starting with `_`). */
export function isReservedTableName(name: string): boolean {
  return name.startsWith('ls_') || name.startsWith('_') || name.startsWith('sqlite_');
}

/** The user tables, by name. */
export async function listTables(database: Database): Promise<string[]> {
  const query =
    database.engine === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`
      : sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`;
  const { rows } = await query.execute(database.db);
  return rows.map((r) => r.name).filter((name) => !isReservedTableName(name));
}

/** Whether a user table called `name` exists. */
export async function tableExists(database: Database, name: string): Promise<boolean> {
  return !isReservedTableName(name) && (await listTables(database)).includes(name);
}

async function sqliteColumns(database: Database, table: string): Promise<CatalogueColumn[]> {
  const { rows } = await sql<{
    name: string;
    type: string;
    notnull: number;
    pk: number;
    dflt_value: string | null;
  }>`select * from pragma_table_info(${table})`.execute(database.db);
  return rows.map((r) => ({
    name: r.name,
    type: r.type.toLowerCase(),
    nullable: r.notnull === 0 && r.pk === 0,
    primary_key: r.pk > 0,
    default_value: r.dflt_value,
  }));
}

async function postgresColumns(database: Database, table: string): Promise<CatalogueColumn[]> {
  const { rows } = await sql<{
    name: string;
    type: string;
    nullable: string;
    default_value: string | null;
    pk: boolean;
  }>`
    select c.column_name as name, c.data_type as type, c.is_nullable as nullable, c.column_default as default_value,
      exists (
        select 1 from information_schema.table_constraints tc
        join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
        where tc.table_schema = current_schema() and tc.table_name = c.table_name and tc.constraint_type = 'PRIMARY KEY' and k.column_name = c.column_name
      ) as pk
    from information_schema.columns c
    where c.table_schema = current_schema() and c.table_name = ${table}
    order by c.ordinal_position`.execute(database.db);
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    nullable: r.nullable === 'YES',
    primary_key: r.pk,
    default_value: r.default_value,
  }));
}

/** The columns of user table `table`, in order; empty when it does not exist. */
export function tableColumns(database: Database, table: string): Promise<CatalogueColumn[]> {
  if (isReservedTableName(table)) return Promise.resolve([]);
  return database.engine === 'sqlite' ? sqliteColumns(database, table) : postgresColumns(database, table);
}
