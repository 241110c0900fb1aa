/**
 * Raw SQL for admins: one statement, its parameters bound, under a statement timeout.
 * PostgreSQL runs it in a transaction with `SET LOCAL statement_timeout` on a small pool of
 * its own; SQLite runs it in a child process that is killed at the deadline
 * (`sqlite-child.ts`). Row-level security does not apply: the statement runs with the
 * server's database role. Each statement is its own transaction.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { PortableType } from '../db/catalogue';
import type { Database } from '../db/database';
import { type DataError, dataErrors } from './data-error';
import { engineError } from './engine-errors';
import { splitStatements } from './sql-split';
import { ChildSqlError, ChildTimeoutError, SqliteChild } from './sqlite-child';
import { fromDbValue, type Row } from './values';

/** A statement's answer (`DatabaseQueryResult`). */
export interface QueryResult {
  rows: Row[];
  columns: string[];
  rowCount: number;
  executionTime: number;
  row_count: number;
  execution_time_ms: number;
}

/** Where PostgreSQL is, for the runner's own pool. */
export interface SqlRunnerOptions {
  databaseUrl?: string;
  pgSchema?: string;
  /** @default 30000 */
  timeoutMs?: number;
}

const PG_TYPES: Record<number, PortableType> = {
  16: 'boolean',
  20: 'bigint',
  21: 'integer',
  23: 'integer',
  700: 'real',
  701: 'real',
  1700: 'numeric',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamp',
  114: 'json',
  3802: 'json',
  2950: 'uuid',
};

interface Raw {
  columns: string[];
  types: (PortableType | null)[];
  rows: unknown[][];
  changes: number;
}

function timeout(ms: number): DataError {
  return dataErrors.timeout(`The statement ran longer than ${ms / 1000} seconds and was cancelled.`);
}

/** Runs admins' raw SQL. */
export class SqlRunner {
  /** The statement timeout in milliseconds. */
  timeoutMs: number;
  private child?: SqliteChild;
  private pool?: pg.Pool;
  private poolUrl?: string;

  constructor(
    private readonly database: Database,
    private readonly options: SqlRunnerOptions = {},
    /** Called after every statement, since any may change the schema. */
    private readonly onChange: () => void = () => {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async sqliteChild(): Promise<SqliteChild> {
    if (this.child) return this.child;
    const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
      this.database.db,
    );
    if (!rows[0]?.file) throw dataErrors.unsupported('Raw SQL needs a file-backed database.');
    this.child = new SqliteChild(rows[0].file);
    return this.child;
  }

  private async runSqlite(text: string, params: unknown[]): Promise<Raw> {
    const child = await this.sqliteChild();
    try {
      const out = await child.run(text, params, this.timeoutMs);
      return { ...out, types: out.columns.map(() => null) };
    } catch (error) {
      if (error instanceof ChildTimeoutError) throw timeout(this.timeoutMs);
      if (error instanceof ChildSqlError) throw dataErrors.invalidQuery(error.message);
      throw error;
    }
  }

  /** Its own pool, on the server the database's pool uses now (a promoted standby after a promotion). */
  private postgresPool(): pg.Pool {
    const url = this.database.url ?? this.options.databaseUrl;
    if (!url) throw new Error('the SQL runner needs the PostgreSQL URL');
    if (this.pool && this.poolUrl !== url) {
      void this.pool.end().catch(() => undefined);
      this.pool = undefined;
    }
    this.poolUrl = url;
    const schema = this.options.pgSchema;
    this.pool ??= new pg.Pool({
      connectionString: url,
      max: 2,
      allowExitOnIdle: true,
      options: schema ? `-c search_path=${schema}` : undefined,
    });
    return this.pool;
  }

  private async runPostgres(text: string, params: unknown[]): Promise<Raw> {
    const client = await this.postgresPool().connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(this.timeoutMs))}`);
      const result = await client.query({ text, values: params, rowMode: 'array' });
      // A table the statement created gets its capture trigger before anyone can write to it.
      await client.query('select ls_capture_sync()');
      await client.query('COMMIT');
      const fields = result.fields ?? [];
      return {
        columns: fields.map((f) => f.name),
        types: fields.map((f) => PG_TYPES[f.dataTypeID] ?? null),
        rows: result.rows ?? [],
        changes: result.rowCount ?? 0,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if ((error as { code?: string }).code === '57014') throw timeout(this.timeoutMs);
      throw engineError(error) ?? error;
    } finally {
      client.release();
    }
  }

  private async raw(text: string, params: unknown[]): Promise<Raw> {
    const statements = splitStatements(text);
    if (statements.length !== 1)
      throw dataErrors.invalidQuery(
        statements.length === 0
          ? 'The query holds no statement.'
          : 'Send one statement at a time (use migrations for scripts).',
      );
    const started = performance.now();
    let raw: Raw | undefined;
    try {
      raw =
        this.database.engine === 'sqlite'
          ? await this.runSqlite(statements[0], params)
          : await this.runPostgres(statements[0], params);
      return raw;
    } finally {
      this.onChange();
      // Raw SQL runs outside the query builder's driver; it is timed like every other statement.
      this.database.queryTap.listener?.({
        sql: statements[0],
        parameters: params,
        durationMs: performance.now() - started,
        rows: raw ? raw.rows.length || raw.changes : 0,
        failed: raw === undefined,
      });
    }
  }

  private answer(raw: Raw, started: number): QueryResult {
    const engine = this.database.engine;
    // fromEntries defines own keys, so a column called `__proto__` stays a column.
    const rows = raw.rows.map(
      (values): Row =>
        Object.fromEntries(raw.columns.map((name, i) => [name, fromDbValue(engine, raw.types[i], values[i])])),
    );
    const rowCount = raw.columns.length > 0 ? rows.length : raw.changes;
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    return { rows, columns: raw.columns, rowCount, executionTime: ms, row_count: rowCount, execution_time_ms: ms };
  }

  /**
   * Runs one statement with `params` bound (`?` on SQLite, `$1` on PostgreSQL).
   * @example await runner.execute('select * from posts where id = ?', [42])
   */
  async execute(text: string, params: unknown[] = []): Promise<QueryResult> {
    const started = performance.now();
    return this.answer(await this.raw(text, params), started);
  }

  /** The engine's plan for one statement (`EXPLAIN QUERY PLAN` / `EXPLAIN`), as rows. */
  async explain(text: string, params: unknown[] = []): Promise<QueryResult> {
    const statements = splitStatements(text);
    if (statements.length !== 1) throw dataErrors.invalidQuery('Explain one statement at a time.');
    const prefix = this.database.engine === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    return this.execute(prefix + statements[0], params);
  }

  /** Stops the child process and closes the pool. */
  async close(): Promise<void> {
    this.child?.kill();
    await this.pool?.end();
  }
}
