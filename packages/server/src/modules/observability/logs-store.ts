/**
 * The kept log lines (`ls_logs`): batched inserts, filtered pages with their total, the
 * module list, keyset-paged reads for exports (never the whole window in memory), and
 * retention by age and by row count.
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { newestPage } from '../../db/newest-page';
import type { Tables } from '../../db/tables';
import { LOG_LEVELS, type LogEntry, type LogLevel, levelRank } from './log-entry';

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

/** Reads and writes `ls_logs`. */
export class LogsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Inserts entries in chunks. */
  async insert(entries: LogEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      const values = entries.slice(i, i + 200).map((e) => ({
        ts: e.ts,
        level: e.level,
        level_num: levelRank(e.level),
        module: e.module,
        message: e.message.slice(0, 10_000),
        request_id: e.requestId ?? null,
        fields: e.fields ? JSON.stringify(e.fields) : null,
      }));
      await this.db.insertInto('ls_logs').values(values).execute();
    }
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
