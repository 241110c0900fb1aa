/**
 * Replaces the database's contents with a dump, in one transaction: the user tables are
 * dropped and made again from the dump's portable definitions, the server tables emptied
 * and refilled, the settings replaced (this machine's own kept), the capture triggers put
 * back, and the `restored` mark of the change log set (snapshots taken before it are no
 * longer point-in-time bases). Any failure, a foreign key the rows break included, rolls
 * everything back, so the previous data stays as it was. The same code restores a dump of either engine.
 */
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { releaseCapture, syncCapture } from '../../data/change-capture';
import { setChangeLogMark } from '../../data/change-log';
import { type CreateTableRequest, createIndexSql } from '../../data/ddl';
import { relationExists } from '../../data/keys-catalogue';
import { SchemaService } from '../../data/schema-service';
import { toDbValue } from '../../data/values';
import { type CatalogueColumn, listTables, tableColumns } from '../../db/catalogue';
import { type Database, databaseIn } from '../../db/database';
import { internalEntry, SCHEMA_ENTRY, SETTINGS_ENTRY, type TableDefinition, tableEntry } from './dump';
import { isMachineSetting, serverTableColumns, serverTables } from './dump-plan';
import { insertRows } from './insert-rows';
import { readJsonLines } from './json-lines';
import type { ArchiveManifest } from './manifest';
import { referencedFirst } from './table-order';

type Db = Kysely<any>;

async function dropUserTables(view: Database, names: string[]): Promise<void> {
  const schema = new SchemaService(view, null as never, null as never);
  const present = (await listTables(view)).filter((t) => names.includes(t));
  const defs = await Promise.all(present.map((t) => schema.tableSchema(t)));
  for (const table of referencedFirst(defs).reverse()) {
    const cascade = view.engine === 'postgres' ? sql` cascade` : sql``;
    await sql`drop table ${sql.table(table.name)}${cascade}`.execute(view.db);
  }
}

async function emptyServerTables(view: Database, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  if (view.engine === 'postgres') {
    await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(view.db);
    return;
  }
  for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table)}`.execute(view.db);
}

async function restoreSettings(db: Db, dir: string): Promise<void> {
  const kept = (await db.selectFrom('ls_settings').select('key').execute()).map((r) => r.key as string);
  const machine = kept.filter(isMachineSetting);
  let deletion = db.deleteFrom('ls_settings');
  if (machine.length > 0) deletion = deletion.where('key', 'not in', machine);
  await deletion.execute();
  for await (const row of readJsonLines<{ key: string; value: string }>(join(dir, SETTINGS_ENTRY))) {
    if (isMachineSetting(row.key)) continue;
    await db.insertInto('ls_settings').values({ key: row.key, value: row.value }).execute();
  }
}

async function refillServerTable(view: Database, dir: string, table: string): Promise<void> {
  const columns = new Set(await serverTableColumns(view, table));
  const keep = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => columns.has(k)));
  await insertRows(view.db as Db, table, columns.size, readJsonLines(join(dir, internalEntry(table))), keep);
}

async function createTable(view: Database, definition: TableDefinition, all: Set<string>): Promise<void> {
  const schema = new SchemaService(view, null as never, null as never);
  const pending = new Set([...all].filter((t) => t !== definition.name));
  const statement = await schema.createTableStatement(
    { name: definition.name, columns: definition.columns as CreateTableRequest['columns'] },
    pending,
  );
  await sql.raw(statement).execute(view.db);
  for (const index of definition.indexes) {
    if (await relationExists(view, index.name)) continue;
    const text = createIndexSql(
      view.db as Db,
      definition.name,
      index.name,
      index.columns,
      index.unique,
      index.type ?? 'btree',
      view.engine,
    );
    await sql.raw(text).execute(view.db);
  }
}

function toEngineRow(view: Database, table: string, columns: Map<string, CatalogueColumn>) {
  return (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const column = columns.get(name);
      if (!column) throw new Error(`The dump of ${table} has a column ${name} its definition lacks.`);
      out[name] = toDbValue(view.engine, column, value);
    }
    return out;
  };
}

/** PostgreSQL: moves the identity sequences of `table` past its largest value (rows were inserted with their ids). */
export async function resetIdentity(view: Database, table: string, columns: CatalogueColumn[]): Promise<void> {
  if (view.engine !== 'postgres') return;
  for (const column of columns.filter((c) => c.generated)) {
    await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, ${column.name}),
      coalesce(max(${sql.ref(column.name)}), 0) + 1, false) from ${sql.table(table)}`.execute(view.db);
  }
}

async function refillUserTable(view: Database, dir: string, table: string): Promise<void> {
  const list = await tableColumns(view, table);
  const columns = new Map(list.map((c) => [c.name, c]));
  const rows = readJsonLines(join(dir, tableEntry(table)));
  await insertRows(view.db as Db, table, columns.size, rows, toEngineRow(view, table, columns));
  await resetIdentity(view, table, list);
}

async function readDefinitions(dir: string): Promise<TableDefinition[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(join(dir, SCHEMA_ENTRY), 'utf8');
  return (JSON.parse(text) as { tables: TableDefinition[] }).tables;
}

/**
 * Replaces the data with the dump extracted in `dir` (only the tables `only` when given);
 * `progress` gets 0..1. `thenApply` runs in the same transaction once the rows are in and
 * before the capture triggers are back (point-in-time recovery replays the log there, so
 * the replay is not logged again); a failure there rolls the whole restore back.
 */
export async function restoreDatabase(
  database: Database,
  dir: string,
  manifest: ArchiveManifest,
  progress: (fraction: number) => void,
  only?: string[],
  thenApply?: (view: Database) => Promise<void>,
): Promise<void> {
  const definitions = (await readDefinitions(dir)).filter((d) => !only || only.includes(d.name));
  const partial = manifest.include_tables !== undefined;
  await database.db.transaction().execute(async (trx) => {
    const view = databaseIn(database, trx);
    if (view.engine === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    await releaseCapture(trx, view.engine);
    await dropUserTables(view, partial ? definitions.map((d) => d.name) : await listTables(view));
    if (!partial) {
      const present = new Set(await serverTables(view));
      const internal = manifest.internal_tables.filter((t) => present.has(t));
      await emptyServerTables(view, internal);
      await restoreSettings(trx, dir);
      for (const table of internal) await refillServerTable(view, dir, table);
    }
    progress(0.2);
    const names = new Set(definitions.map((d) => d.name));
    for (const definition of definitions) await createTable(view, definition, names);
    let done = 0;
    for (const definition of definitions) {
      await refillUserTable(view, dir, definition.name);
      progress(0.2 + (0.8 * ++done) / definitions.length);
    }
    if (thenApply) await thenApply(view);
    await markRestored(view);
    await syncCapture(trx, view.engine);
  });
  // Again after the commit: a snapshot read while the transaction ran saw the data before it.
  await markRestored(database);
}

/** The log does not continue a snapshot taken before now: point-in-time bases start after this. */
async function markRestored(database: Database): Promise<void> {
  await setChangeLogMark(database, 'restored', new Date().toISOString());
}
