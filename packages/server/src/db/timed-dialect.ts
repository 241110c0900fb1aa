/**
 * Times every statement the server runs through the query builder: a dialect that wraps
 * another's driver, so each connection's `executeQuery` reports its SQL, duration, rows and
 * failure to one listener. The listener must be cheap (it runs on the request path); the
 * observability module only aggregates in memory there.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** One statement, timed. `parameters` are handed over for redaction, never stored by the timer. */
export interface TimedQuery {
  sql: string;
  parameters: readonly unknown[];
  durationMs: number;
  rows: number;
  failed: boolean;
}

/** Receives each timed statement. */
export type QueryListener = (query: TimedQuery) => void;

/** Tells `listener` of one statement that started at `started` (`performance.now()`). */
export function reportQuery(
  listener: QueryListener,
  compiled: CompiledQuery,
  started: number,
  rows: number,
  failed: boolean,
): void {
  listener({
    sql: compiled.sql,
    parameters: compiled.parameters,
    durationMs: performance.now() - started,
    rows,
    failed,
  });
}

class TimedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly listener: () => QueryListener | undefined,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const listener = this.listener();
    if (!listener) return this.inner.executeQuery<R>(compiled);
    const started = performance.now();
    let rows = 0;
    let failed = true;
    try {
      const result = await this.inner.executeQuery<R>(compiled);
      rows = result.rows.length || Number(result.numAffectedRows ?? 0);
      failed = false;
      return result;
    } finally {
      reportQuery(listener, compiled, started, rows, failed);
    }
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

const innerOf = (c: DatabaseConnection) => (c instanceof TimedConnection ? c.inner : c);

class TimedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly listener: () => QueryListener | undefined,
  ) {}
  init = () => this.inner.init();
  acquireConnection = async () => new TimedConnection(await this.inner.acquireConnection(), this.listener);
  beginTransaction = (c: DatabaseConnection, s: TransactionSettings) => this.inner.beginTransaction(innerOf(c), s);
  commitTransaction = (c: DatabaseConnection) => this.inner.commitTransaction(innerOf(c));
  rollbackTransaction = (c: DatabaseConnection) => this.inner.rollbackTransaction(innerOf(c));
  savepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.savepoint!(innerOf(c), name, compile);
  rollbackToSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.rollbackToSavepoint!(innerOf(c), name, compile);
  releaseSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.releaseSavepoint!(innerOf(c), name, compile);
  releaseConnection = (c: DatabaseConnection) => this.inner.releaseConnection(innerOf(c));
  destroy = () => this.inner.destroy();
}

/** A listener slot filled after the database opens (the observability service is built later). */
export class QueryTap {
  listener?: QueryListener;
}

/** `dialect`, with every statement reported to `tap.listener` when one is set. */
export function timedDialect(dialect: Dialect, tap: QueryTap): Dialect {
  return {
    createDriver: (): Driver => new TimedDriver(dialect.createDriver(), () => tap.listener),
    createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
    createAdapter: (): DialectAdapter => dialect.createAdapter(),
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => dialect.createIntrospector(db),
  };
}
