/**
 * The portable logical dump: the definitions of the user tables (from the schema service:
 * portable column types, keys, defaults, references, indexes), their rows as JSON lines in
 * the API's own value forms, the server tables' rows, and the settings. It reads from a
 * consistent view of the database (`snapshot.ts`), writing files into a work directory
 * that the archive then takes in.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { lastChangeId } from '../../data/change-log';
import { type Index, SchemaService, type TableSchema } from '../../data/schema-service';
import { fromDbRow } from '../../data/values';
import { listTables, tableColumns } from '../../db/catalogue';
import type { Database } from '../../db/database';
import { backedUpServerTables } from './dump-plan';
import { writeJsonLines } from './json-lines';
import { viewSnapshot } from './log-position';
import { referencedFirst } from './table-order';
import { rowsOf } from './table-rows';

/** A user table as the archive describes it. */
export interface TableDefinition extends TableSchema {
  indexes: Index[];
}

/** A stored object the dump's metadata names. */
export interface ObjectRef {
  id: string;
  bucket: string;
  key: string;
  size: number;
}

/** What a dump wrote and what it is consistent as of. */
export interface DatabaseDump {
  timestamp: string;
  walPosition: number;
  schemaVersion: string;
  tables: string[];
  internalTables: string[];
  /** Files written, as archive entry names relative to the work directory. */
  files: string[];
  objects: ObjectRef[];
  /** Rows written per user table. */
  rowCounts: Record<string, number>;
  /** PostgreSQL: the view's transaction snapshot (which logged changes the dump holds). */
  logSnapshot?: string;
}

/** The schema file's entry name. */
export const SCHEMA_ENTRY = 'database/schema.json';
/** The settings file's entry name. */
export const SETTINGS_ENTRY = 'settings.json';
/** The entry name of a user table's rows. */
export const tableEntry = (table: string) => `database/tables/${table}.jsonl`;
/** The entry name of a server table's rows. */
export const internalEntry = (table: string) => `database/internal/${table}.jsonl`;
/** The entry name of a stored object's bytes. */
export const objectEntry = (id: string) => `objects/${id}`;

async function definitions(view: Database, tables: string[]): Promise<TableDefinition[]> {
  // Only the catalogue reads of the schema service are used here, on the consistent view.
  const schema = new SchemaService(view, null as never, null as never);
  const out: TableDefinition[] = [];
  for (const table of tables) out.push({ ...(await schema.tableSchema(table)), indexes: await schema.indexes(table) });
  return referencedFirst(out);
}

async function* apiRows(view: Database, table: string) {
  const columns = await tableColumns(view, table);
  const types = new Map(columns.map((c) => [c.name, c.portable]));
  for await (const row of rowsOf(view, table)) yield fromDbRow(view.engine, types, row);
}

async function schemaVersion(db: Kysely<any>): Promise<string> {
  const row = await db.selectFrom('ls_migrations').select(sql<string>`max(name)`.as('name')).executeTakeFirst();
  return row?.name ?? '';
}

async function objectRefs(db: Kysely<any>): Promise<ObjectRef[]> {
  const rows = await db
    .selectFrom('ls_storage_objects as o')
    .innerJoin('ls_storage_buckets as b', 'b.id', 'o.bucket_id')
    .select(['o.id as id', 'b.name as bucket', 'o.path as key', 'o.size as size'])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ id: r.id, bucket: r.bucket, key: r.key, size: Number(r.size) }));
}

/** Dumps `view` into `dir`; with `only`, just those user tables (no server tables, settings or objects). */
export async function dumpDatabase(view: Database, dir: string, only?: string[]): Promise<DatabaseDump> {
  const db = view.db as unknown as Kysely<any>;
  const logSnapshot = await viewSnapshot(view);
  await mkdir(join(dir, 'database/tables'), { recursive: true });
  await mkdir(join(dir, 'database/internal'), { recursive: true });
  const all = await listTables(view);
  const tables = await definitions(view, only ? all.filter((t) => only.includes(t)) : all);
  const files = [SCHEMA_ENTRY];
  await writeFile(join(dir, SCHEMA_ENTRY), JSON.stringify({ engine: view.engine, tables }, null, 1));
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    rowCounts[table.name] = await writeJsonLines(join(dir, tableEntry(table.name)), apiRows(view, table.name));
    files.push(tableEntry(table.name));
  }
  const internalTables = only ? [] : await backedUpServerTables(view);
  for (const table of internalTables) {
    await writeJsonLines(join(dir, internalEntry(table)), rowsOf(view, table));
    files.push(internalEntry(table));
  }
  if (!only) {
    await writeJsonLines(join(dir, SETTINGS_ENTRY), rowsOf(view, 'ls_settings'));
    files.push(SETTINGS_ENTRY);
  }
  return {
    timestamp: new Date().toISOString(),
    walPosition: await lastChangeId(view),
    schemaVersion: await schemaVersion(db),
    tables: tables.map((t) => t.name),
    internalTables,
    files,
    objects: only ? [] : await objectRefs(db),
    rowCounts,
    logSnapshot,
  };
}
