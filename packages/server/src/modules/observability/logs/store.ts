/**
 * The kept log lines (`ls_logs`): batched inserts, filtered pages with their total, the
 * module list, keyset-paged reads for exports (never the whole window in memory), and
 * retention by age and by row count.
 */
import { CompiledQuery, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Engine } from '../../../db/database';
import { newestPage } from '../../../db/newest-page';
import type { Tables } from '../../../db/tables';
import { LOG_LEVELS, type LogEntry, type LogLevel, levelRank } from './entry';
import { infoLineRow, type LogRow } from './info-row';
import type { KeptLine } from './sink';

/** What a log query filters by. */
export interface LogFilter {
  level?: LogLevel;
  module?: string;
  search?: string;
  since?: number;
  until?: number;
}

type Row = Tables['ls_logs'];
type Query = SelectQueryBuilder<Tables, 'ls_logs', object>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(row: { id: number | string } & Omit<Row, 'id'>): LogEntry {
  return {
    seq: Number(row.id),
    ts: Number(row.ts),
    level: row.level as LogLevel,
    module: row.module,
    message: row.message,
    requestId: row.request_id ?? undefined,
    fields: row.fields ? JSON.parse(row.fields) : undefined,
  };
}

/** One entry as the columns of `ls_logs`, in the order `insertLogsSql` reads them. */
export function rowOf(e: LogEntry): LogRow {
  const fields = e.fields ? JSON.stringify(e.fields) : null;
  return [e.ts, e.level, levelRank(e.level), e.module, e.message.slice(0, 10_000), e.requestId ?? null, fields];
}

/**
 * JSON text with every NUL character (`\u0000`, which PostgreSQL text cannot hold and which
 * would fail a whole batch) replaced by U+FFFD; an escaped backslash before `u0000` is left alone.
 * Self-contained: the log writer thread runs its source text too.
 */
export function withoutNul(json: string): string {
  return json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

/** Lines as the one JSON parameter of `insertLogsSql`: an array of rows, NUL-free. */
export function logRowsJson(lines: KeptLine[]): string {
  return withoutNul(JSON.stringify(lines.map((line) => ('msg' in line ? infoLineRow(line) : rowOf(line)))));
}

const UNPACKED: Record<Engine, string> = {
  postgres: `select (r->>0)::bigint, r->>1, (r->>2)::integer, r->>3, r->>4, r->>5, r->>6
    from json_array_elements($1::json) as r`,
  sqlite: 'select value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 from json_each(?)',
};

/**
 * The statement that inserts the rows of one `logRowsJson` parameter, which the engine
 * unpacks (no per-value parameters to build and bind).
 */
export function insertLogsSql(engine: Engine): string {
  return `insert into ls_logs (ts, level, level_num, module, message, request_id, fields) ${UNPACKED[engine]}`;
}

/** Reads and writes `ls_logs`. */
export class LogsStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
  ) {}

  /** Inserts lines in one transaction, 1000 a statement. */
  async insert(lines: KeptLine[]): Promise<void> {
    if (lines.length === 0) return;
    const statement = insertLogsSql(this.engine);
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < lines.length; i += 1000)
        await trx.executeQuery(CompiledQuery.raw(statement, [logRowsJson(lines.slice(i, i + 1000))]));
    });
  }

  private filtered(f: LogFilter): Query {
    let q: Query = this.db.selectFrom('ls_logs');
    if (f.level) q = q.where('level_num', '>=', LOG_LEVELS.indexOf(f.level));
    if (f.module) q = q.where('module', '=', f.module);
    if (f.since !== undefined) q = q.where('ts', '>=', f.since);
    if (f.until !== undefined) q = q.where('ts', '<', f.until);
    if (f.search) {
      const pattern = `%${escapeLike(f.search)}%`;
      // Both engines need the escape character named for `\%` to mean a literal percent.
      q = q.where(sql<boolean>`lower(message) like ${pattern.toLowerCase()} escape '\\'`);
    }
    return q;
  }

  /** One page, newest first, and the total matching. */
  async page(f: LogFilter, limit: number, offset: number): Promise<{ entries: LogEntry[]; total: number }> {
    const { rows, total } = await newestPage(this.filtered(f), limit, offset);
    return { entries: rows.map(toEntry), total };
  }

  /** Every module present, sorted. */
  async modules(): Promise<string[]> {
    const rows = await this.db.selectFrom('ls_logs').select('module').distinct().orderBy('module').execute();
    return rows.map((r) => r.module);
  }

  /** The window's entries, oldest first, read in chunks of `chunk`. */
  async *scan(f: LogFilter, chunk = 1000): AsyncGenerator<LogEntry[]> {
    let after = 0;
    for (;;) {
      const rows = await this.filtered(f).selectAll().where('id', '>', after).orderBy('id').limit(chunk).execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      yield rows.map(toEntry);
      if (rows.length < chunk) return;
    }
  }

  /** Deletes entries older than `before`, then all but the newest `maxRows`. */
  async prune(before: number, maxRows: number): Promise<void> {
    await this.db.deleteFrom('ls_logs').where('ts', '<', before).execute();
    const edge = await this.db
      .selectFrom('ls_logs')
      .select('id')
      .orderBy('id', 'desc')
      .offset(maxRows)
      .limit(1)
      .executeTakeFirst();
    if (edge) await this.db.deleteFrom('ls_logs').where('id', '<=', Number(edge.id)).execute();
  }
}
