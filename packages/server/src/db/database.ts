/**
 * One SQL layer for both engines: Kysely with the SQLite dialect (better-sqlite3, a file
 * under the data directory) or the PostgreSQL dialect (pg), chosen by the database URL.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import * as auth from './migrations/0001-auth';
import * as userMigrations from './migrations/0002-user-migrations';
import * as storage from './migrations/0003-storage';
import * as rateLimits from './migrations/0004-rate-limits';
import * as changeLog from './migrations/0005-change-log';
import * as leases from './migrations/0006-leases';
import * as functions from './migrations/0007-functions';
import * as observabilityWebhooks from './migrations/0008-observability-webhooks';
import * as backup from './migrations/0009-backup';
import * as cluster from './migrations/0010-cluster';
import * as audit from './migrations/0011-audit';
import * as pitr from './migrations/0012-pitr';
import * as webhookRedelivery from './migrations/0013-webhook-redelivery';
import * as sqliteLogsFileMigration from './migrations/0014-sqlite-logs-file';
import { MovablePool } from './movable-pool';
import { ownSchemaIntrospection } from './own-schema-introspection';
import { attachLogsFile, sqliteLogsFile } from './sqlite-logs-file';
import { builderRead, type ReadQuery, sqliteRead } from './sqlite-read';
import { withStatementCache } from './statement-cache';
import type { Tables } from './tables';
import { QueryTap, timedDialect } from './timed-dialect';

/** Which engine a database runs on. */
export type Engine = 'sqlite' | 'postgres';

/** An open database: the query builder, its engine, and how to close it. */
export interface Database {
  db: Kysely<Tables>;
  engine: Engine;
  /** The connection pool on PostgreSQL, for libraries that take one (the shared rate limiter). */
  pgPool?: pg.Pool;
  /** The PostgreSQL URL new connections go to (it changes when a standby is promoted). */
  readonly url?: string;
  /** On PostgreSQL, moves every new connection to `url` (a promoted standby); the old pool closes. */
  moveTo?(url: string): Promise<void>;
  /** Where every statement's timing goes (the observability module sets its listener). */
  queryTap: QueryTap;
  /** Runs a statement that only reads; on SQLite at once when no transaction holds the connection (`sqlite-read.ts`). */
  read: ReadQuery;
  /** On SQLite, the database file. */
  readonly file?: string;
  /** On SQLite, the file of the kept log lines (`sqlite-logs-file.ts`), for the log writer thread's own connection. */
  readonly logsFile?: string;
  /** Answers when the database takes a query; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `database` as seen inside the transaction `trx`: every statement, reads too, runs in it. */
export function databaseIn(database: Database, trx: Transaction<any>): Database {
  return { ...database, db: trx as Kysely<Tables>, read: builderRead(trx) };
}

/** Where the data lives: a `postgres://` URL, or else SQLite under `dataDir`. */
export interface DatabaseOptions {
  /** @default undefined (SQLite at `<dataDir>/lockstep.db`) */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use instead of `public` (tests give each server its own). */
  pgSchema?: string;
}

const migrations: Record<string, Migration> = {
  '0001-auth': auth,
  '0002-user-migrations': userMigrations,
  '0003-storage': storage,
  '0004-rate-limits': rateLimits,
  '0005-change-log': changeLog,
  '0006-leases': leases,
  '0007-functions': functions,
  '0008-observability-webhooks': observabilityWebhooks,
  '0009-backup': backup,
  '0010-cluster': cluster,
  '0011-audit': audit,
  '0012-pitr': pitr,
  '0013-webhook-redelivery': webhookRedelivery,
  '0014-sqlite-logs-file': sqliteLogsFileMigration,
};

const sqliteFile = (dataDir: string) => join(dataDir, 'lockstep.db');

function openSqlite(dataDir: string, tap: QueryTap): { db: Kysely<Tables>; read: ReadQuery } {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(sqliteFile(dataDir));
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  attachLogsFile(file, dataDir);
  const statements = withStatementCache(file);
  const db = new Kysely<Tables>({ dialect: timedDialect(new SqliteDialect({ database: statements }), tap) });
  return { db, read: sqliteRead(file, statements, db, tap) };
}

function postgresPool(url: string, schema?: string): MovablePool {
  const options = schema ? `-c search_path=${schema}` : undefined;
  return new MovablePool(url, { max: 10, options });
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

async function migrate(db: Kysely<Tables>, pgSchema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'ls_migrations',
    migrationLockTableName: 'ls_migrations_lock',
    // Its tables live in the server's own schema (the introspection only reads that one: see
    // own-schema-introspection.ts), never another server's or another test's.
    migrationTableSchema: pgSchema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

async function currentSchema(db: Kysely<Tables>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0].schema;
}

/** Opens the database and brings the server's own schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const url = options.databaseUrl;
  const engine: Engine = url?.startsWith('postgres') ? 'postgres' : 'sqlite';
  if (engine === 'postgres' && options.pgSchema) await ensureSchema(url!, options.pgSchema);
  const movable = engine === 'postgres' ? postgresPool(url!, options.pgSchema) : undefined;
  const pgPool = movable?.pool;
  const queryTap = new QueryTap();
  const pgDb =
    pgPool &&
    new Kysely<Tables>({
      dialect: timedDialect(ownSchemaIntrospection(new PostgresDialect({ pool: pgPool })), queryTap),
    });
  const { db, read } = pgDb ? { db: pgDb, read: builderRead(pgDb) } : openSqlite(options.dataDir, queryTap);
  await migrate(db, engine === 'postgres' ? await currentSchema(db) : undefined);
  return {
    db,
    engine,
    pgPool,
    get url() {
      return movable?.url;
    },
    moveTo: movable && ((to: string) => movable.moveTo(to)),
    queryTap,
    read,
    file: engine === 'sqlite' ? sqliteFile(options.dataDir) : undefined,
    logsFile: engine === 'sqlite' ? sqliteLogsFile(options.dataDir) : undefined,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
