/**
 * Counts and sizes of the whole database, ignoring row-level security (admin only). Row
 * counts are exact, except on a PostgreSQL schema with more than `EXACT_COUNT_TABLES`
 * tables, where they come from the planner's statistics.
 */
import { statSync } from 'node:fs';
import type { components } from '@lockstep/contract';
import { sql } from 'kysely';
import { listTables } from '../db/catalogue';
import type { Database } from '../db/database';

type Statistics = components['schemas']['DatabaseStatistics'];

/** Above this many tables, PostgreSQL row counts are estimates. */
export const EXACT_COUNT_TABLES = 50;

async function exactRows(database: Database, tables: string[]): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.id(table)}`.execute(database.db);
    total += Number(rows[0].n);
  }
  return total;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function sqliteStatistics(database: Database, tables: string[]): Promise<Statistics> {
  const { rows: pages } = await sql<{ size: number }>`
    select (select page_count from pragma_page_count()) * (select page_size from pragma_page_size()) as size`.execute(
    database.db,
  );
  const { rows: files } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(database.db);
  const file = files[0]?.file ?? '';
  return {
    total_tables: tables.length,
    total_rows: await exactRows(database, tables),
    database_size: Number(pages[0].size),
    wal_size: file ? fileSize(`${file}-wal`) : 0,
  };
}

async function walSize(database: Database): Promise<number> {
  try {
    const { rows } = await sql<{ size: string | null }>`select sum(size)::bigint as size from pg_ls_waldir()`.execute(
      database.db,
    );
    return Number(rows[0].size ?? 0);
  } catch {
    // pg_ls_waldir needs superuser or pg_monitor; without it the size is unknown: 0.
    return 0;
  }
}

async function estimatedRows(database: Database): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`
    select sum(greatest(c.reltuples, 0))::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname not like 'ls\\_%'`.execute(
    database.db,
  );
  return Number(rows[0].n ?? 0);
}

async function postgresStatistics(database: Database, tables: string[]): Promise<Statistics> {
  const { rows } = await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(
    database.db,
  );
  return {
    total_tables: tables.length,
    total_rows: tables.length <= EXACT_COUNT_TABLES ? await exactRows(database, tables) : await estimatedRows(database),
    database_size: Number(rows[0].size),
    wal_size: await walSize(database),
  };
}

/** The statistics of the database (`DatabaseStatistics`). */
export async function databaseStatistics(database: Database): Promise<Statistics> {
  const tables = await listTables(database);
  return database.engine === 'sqlite' ? sqliteStatistics(database, tables) : postgresStatistics(database, tables);
}
