/**
 * The slow-query log (`ls_slow_queries`): statements over the threshold, stored off the
 * request path with their values replaced by `?`. Before storing, the engine's plan of
 * each (with its parameters, which are then dropped) says whether it used an index and, on
 * PostgreSQL, how many rows the planner expected to examine. Also the counts behind the
 * performance ratios (cache hits, index use).
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Tables } from '../../../db/tables';
import { patternOf, typeOf } from './sql-pattern';
import type { SlowStatement } from './stats';

/** A stored slow statement, as the spec's `ObservabilitySlowQuery`. */
export type SlowQueryView = components['schemas']['ObservabilitySlowQuery'];

/** A share as its two counts: `part` of `whole`. */
export interface Share {
  part: number;
  whole: number;
}

interface PlanFacts {
  indexUsed: boolean;
  rowsExamined?: number;
}

function pgFacts(value: unknown): PlanFacts {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const rows = [...text.matchAll(/"Plan Rows":\s*(\d+)/g)].map((m) => Number(m[1]));
  return { indexUsed: /Index (Only )?Scan|Bitmap Index Scan/.test(text), rowsExamined: Math.max(0, ...rows) };
}

/** Reads and writes `ls_slow_queries`. */
export class SlowQueries {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  private async facts(s: SlowStatement): Promise<PlanFacts> {
    if (!['SELECT', 'UPDATE', 'DELETE'].includes(typeOf(s.sql))) return { indexUsed: false };
    try {
      if (this.engine === 'sqlite') {
        const r = await this.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${s.sql}`, [...s.parameters]),
        );
        return { indexUsed: r.rows.some((row) => /USING (COVERING )?INDEX|PRIMARY KEY/.test(row.detail)) };
      }
      const r = await this.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${s.sql}`, [...s.parameters]),
      );
      return pgFacts(Object.values(r.rows[0] ?? {})[0]);
    } catch {
      return { indexUsed: false };
    }
  }

  /** Stores the statements, each with the facts of its plan. */
  async store(statements: SlowStatement[]): Promise<void> {
    for (const s of statements) {
      const facts = await this.facts(s);
      await this.db
        .insertInto('ls_slow_queries')
        .values({
          id: randomUUID(),
          ts: s.ts,
          query: patternOf(s.sql),
          duration_ms: Math.round(s.durationMs * 1000) / 1000,
          user_id: null,
          rows_examined: Math.max(s.rows, facts.rowsExamined ?? 0),
          rows_returned: s.rows,
          index_used: facts.indexUsed ? 1 : 0,
        })
        .execute();
    }
  }

  /** Statements of at least `thresholdMs` since `since`, slowest first, and their total. */
  async list(thresholdMs: number, since: number, limit: number, offset: number) {
    const q = this.db.selectFrom('ls_slow_queries').where('duration_ms', '>=', thresholdMs).where('ts', '>=', since);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('duration_ms', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items: SlowQueryView[] = rows.map((r) => ({
      id: r.id,
      query: r.query,
      duration_ms: Number(r.duration_ms),
      timestamp: new Date(Number(r.ts)).toISOString(),
      ...(r.user_id ? { user_id: r.user_id } : {}),
      rows_examined: Number(r.rows_examined),
      rows_returned: Number(r.rows_returned),
      index_used: Number(r.index_used) === 1,
    }));
    return { items, total: Number(count.n) };
  }

  /** Deletes entries older than `before`. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('ls_slow_queries').where('ts', '<', before).execute();
  }

  /**
   * The counts behind the cache-hit and index-use ratios: PostgreSQL's page-cache and scan
   * counters; SQLite keeps neither, so its index share comes from the plans of the slow
   * statements and its cache share is empty.
   */
  async shares(): Promise<{ cache: Share; index: Share }> {
    if (this.engine === 'postgres') {
      const { rows } = await sql<{ hit: string | null; read: string | null; idx: string | null; seq: string | null }>`
        select (select blks_hit from pg_stat_database where datname = current_database()) as hit,
               (select blks_read from pg_stat_database where datname = current_database()) as read,
               (select sum(idx_scan) from pg_stat_user_tables) as idx,
               (select sum(seq_scan) from pg_stat_user_tables) as seq`.execute(this.db);
      const r = rows[0];
      const hit = Number(r.hit ?? 0);
      const idx = Number(r.idx ?? 0);
      return {
        cache: { part: hit, whole: hit + Number(r.read ?? 0) },
        index: { part: idx, whole: idx + Number(r.seq ?? 0) },
      };
    }
    const row = await this.db
      .selectFrom('ls_slow_queries')
      .select([
        (eb) => eb.fn.countAll<number | string>().as('n'),
        (eb) => eb.fn.sum<number | string>('index_used').as('used'),
      ])
      .executeTakeFirstOrThrow();
    return { cache: { part: 0, whole: 0 }, index: { part: Number(row.used ?? 0), whole: Number(row.n) } };
  }
}
