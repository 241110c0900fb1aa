/**
 * Indexes and foreign keys of user tables, read from the engine's catalogue. SQLite gives
 * no names for the indexes behind keys nor for foreign keys, so those get PostgreSQL's
 * default names (`posts_pkey`, `posts_slug_key`, `posts_author_id_fkey`), except foreign
 * keys declared with `CONSTRAINT name`, whose name is read from the table's SQL.
 */
import { sql } from 'kysely';
import { describeTable, isReservedTableName } from '../db/catalogue';
import type { Database } from '../db/database';

/** An index as the API shows it, with what backs it. */
export interface IndexInfo {
  name: string;
  columns: string[];
  unique: boolean;
  type: 'btree' | 'hash' | 'gin';
  /** Made by a primary-key or unique constraint (dropping it answers 409). */
  constraint: boolean;
}

/** A single-column foreign key. */
export interface ForeignKeyInfo {
  name: string;
  source_table: string;
  source_column: string;
  target_table: string;
  target_column: string;
  on_delete: 'cascade' | 'set_null' | 'restrict';
}

/** Postgres truncates identifiers at 63 bytes; names made here follow the same rule. */
export function constraintName(...parts: string[]): string {
  return parts.join('_').slice(0, 63);
}

async function sqliteIndexes(database: Database, table: string): Promise<IndexInfo[]> {
  const { rows } = await sql<{ name: string; unique: number; origin: string }>`
    select name, "unique", origin from pragma_index_list(${table})`.execute(database.db);
  const out: IndexInfo[] = [];
  for (const index of rows) {
    const { rows: cols } = await sql<{ name: string | null }>`
      select name from pragma_index_info(${index.name}) order by seqno`.execute(database.db);
    const columns = cols.map((c) => c.name).filter((c): c is string => c !== null);
    if (columns.length === 0) continue;
    const name =
      index.origin === 'pk'
        ? constraintName(table, 'pkey')
        : index.origin === 'u'
          ? constraintName(table, ...columns, 'key')
          : index.name;
    out.push({ name, columns, unique: index.unique === 1, type: 'btree', constraint: index.origin !== 'c' });
  }
  const description = await describeTable(database, table);
  const rowid = description?.columns.find((c) => c.generated);
  if (rowid && !out.some((i) => i.constraint && i.name === constraintName(table, 'pkey'))) {
    out.push({
      name: constraintName(table, 'pkey'),
      columns: [rowid.name],
      unique: true,
      type: 'btree',
      constraint: true,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function postgresIndexes(database: Database, table: string): Promise<IndexInfo[]> {
  const { rows } = await sql<{ name: string; unique: boolean; type: string; constraint: boolean; columns: string[] }>`
    select ic.relname as name, ix.indisunique as unique, am.amname as type,
      exists (select 1 from pg_constraint con where con.conindid = ix.indexrelid and con.contype in ('p', 'u', 'x')) as constraint,
      array(
        select a.attname from unnest(ix.indkey::int2[]) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
        order by k.ord
      )::text[] as columns
    from pg_index ix
    join pg_class ic on ic.oid = ix.indexrelid
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_am am on am.oid = ic.relam
    where n.nspname = current_schema() and t.relname = ${table}
    order by ic.relname`.execute(database.db);
  return rows
    .filter((r) => r.columns.length > 0 && ['btree', 'hash', 'gin'].includes(r.type))
    .map((r) => ({ ...r, type: r.type as IndexInfo['type'] }));
}

/** The indexes of user table `table`, sorted by name (those behind keys included). */
export function listIndexes(database: Database, table: string): Promise<IndexInfo[]> {
  return database.engine === 'sqlite' ? sqliteIndexes(database, table) : postgresIndexes(database, table);
}

/** Whether any relation (table, index, view...) is called `name`; index names share that namespace. */
export async function relationExists(database: Database, name: string): Promise<boolean> {
  const query =
    database.engine === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where name = ${name} collate nocase`
      : sql<{
          n: number;
        }>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = ${name}`;
  const { rows } = await query.execute(database.db);
  return Number(rows[0].n) > 0;
}

const SQLITE_ON_DELETE: Record<string, ForeignKeyInfo['on_delete']> = { CASCADE: 'cascade', 'SET NULL': 'set_null' };
const PG_ON_DELETE: Record<string, ForeignKeyInfo['on_delete']> = { c: 'cascade', n: 'set_null' };

/** Names of `CONSTRAINT name FOREIGN KEY (col)` clauses in a table's SQL, by column. */
export function namedForeignKeys(createSql: string): Map<string, string> {
  const names = new Map<string, string>();
  const pattern =
    /constraint\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s+foreign\s+key\s*\(\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\)/gi;
  for (const match of createSql.matchAll(pattern)) names.set(match[2], match[1]);
  return names;
}

async function sqliteForeignKeys(database: Database, table: string): Promise<ForeignKeyInfo[]> {
  const { rows } = await sql<{
    id: number;
    seq: number;
    table: string;
    from: string;
    to: string | null;
    on_delete: string;
  }>`
    select id, seq, "table", "from", "to", on_delete from pragma_foreign_key_list(${table})`.execute(database.db);
  const { rows: master } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = ${table} collate nocase`.execute(database.db);
  const names = namedForeignKeys(master[0]?.sql ?? '');
  const single = rows.filter((r) => rows.filter((o) => o.id === r.id).length === 1);
  const out: ForeignKeyInfo[] = [];
  for (const r of single) {
    const target = r.to ?? (await describeTable(database, r.table))?.primaryKey[0];
    if (!target) continue;
    out.push({
      name: names.get(r.from) ?? constraintName(table, r.from, 'fkey'),
      source_table: table,
      source_column: r.from,
      target_table: r.table,
      target_column: target,
      on_delete: SQLITE_ON_DELETE[r.on_delete.toUpperCase()] ?? 'restrict',
    });
  }
  return out;
}

async function postgresForeignKeys(database: Database, table: string | undefined): Promise<ForeignKeyInfo[]> {
  const { rows } = await sql<Omit<ForeignKeyInfo, 'on_delete'> & { on_delete: string }>`
    select con.conname as name, src.relname as source_table, sa.attname as source_column,
      tgt.relname as target_table, ta.attname as target_column, con.confdeltype as on_delete
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_namespace n on n.oid = src.relnamespace
    join pg_class tgt on tgt.oid = con.confrelid
    join pg_attribute sa on sa.attrelid = con.conrelid and sa.attnum = con.conkey[1]
    join pg_attribute ta on ta.attrelid = con.confrelid and ta.attnum = con.confkey[1]
    where con.contype = 'f' and n.nspname = current_schema() and array_length(con.conkey, 1) = 1
      and (${table ?? null}::text is null or src.relname = ${table ?? null})
    order by con.conname`.execute(database.db);
  return rows.map((r) => ({ ...r, on_delete: PG_ON_DELETE[r.on_delete] ?? 'restrict' }));
}

function byName(a: ForeignKeyInfo, b: ForeignKeyInfo): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The single-column foreign keys of `table` (it is their source), sorted by name. */
export async function listForeignKeys(database: Database, table: string): Promise<ForeignKeyInfo[]> {
  if (isReservedTableName(table)) return [];
  const keys =
    database.engine === 'sqlite'
      ? await sqliteForeignKeys(database, table)
      : await postgresForeignKeys(database, table);
  return keys.filter((k) => !isReservedTableName(k.target_table)).sort(byName);
}

/** Every single-column foreign key between user tables. */
export async function allForeignKeys(database: Database, tables: string[]): Promise<ForeignKeyInfo[]> {
  if (database.engine === 'postgres') {
    const keys = await postgresForeignKeys(database, undefined);
    return keys.filter((k) => !isReservedTableName(k.source_table) && !isReservedTableName(k.target_table));
  }
  const all: ForeignKeyInfo[] = [];
  for (const table of tables) all.push(...(await listForeignKeys(database, table)));
  return all.sort(byName);
}
