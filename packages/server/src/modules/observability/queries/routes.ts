/** Statement handlers: performance stats, slow statements, profiler, explain. */
import { sql } from 'kysely';
import type { Handler } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import type { Services } from '../../../services';
import { instant } from '../windows';
import { explain } from './explain';
import { round } from './stats';

async function ratios(services: Services): Promise<{ cache: number; index: number }> {
  const db = services.database.db;
  if (services.database.engine === 'postgres') {
    const { rows } = await sql<{ hit: string | null; read: string | null; idx: string | null; seq: string | null }>`
      select (select blks_hit from pg_stat_database where datname = current_database()) as hit,
             (select blks_read from pg_stat_database where datname = current_database()) as read,
             (select sum(idx_scan) from pg_stat_user_tables) as idx,
             (select sum(seq_scan) from pg_stat_user_tables) as seq`.execute(db);
    const r = rows[0];
    const hit = Number(r.hit ?? 0);
    const idx = Number(r.idx ?? 0);
    return {
      cache: ratio(hit, hit + Number(r.read ?? 0)),
      index: ratio(idx, idx + Number(r.seq ?? 0)),
    };
  }
  // SQLite keeps no page-cache or scan counters; the index share comes from the plans of
  // the slow statements, and the cache ratio reads 0 (documented in the spec).
  const row = await db
    .selectFrom('ls_slow_queries')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string>('index_used').as('used'),
    ])
    .executeTakeFirstOrThrow();
  return { cache: 0, index: ratio(Number(row.used ?? 0), Number(row.n)) };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, Math.max(0, round(part / whole))) : 0;
}

export const getPerformanceStats: Handler<'getPerformanceStats'> = async ({ services }) => {
  const q = services.observability.queries;
  const [p95, p99] = q.lifetime.percentiles([95, 99]);
  const { cache, index } = await ratios(services);
  const body = {
    avg_query_duration_ms: round(q.total === 0 ? 0 : q.totalMs / q.total),
    p95_query_duration_ms: round(p95),
    p99_query_duration_ms: round(p99),
    total_queries: q.total,
    cache_hit_rate: cache,
    index_efficiency: index,
  };
  return { status: 200, body };
};

export const getSlowQueries: Handler<'getSlowQueries'> = async ({ query, services }) => {
  const o = services.observability;
  await o.flush();
  const threshold = query.threshold_ms ?? o.options.slowQueryMs;
  const { items, total } = await o.slow.list(
    threshold,
    instant(query.since) ?? 0,
    query.limit ?? 50,
    query.offset ?? 0,
  );
  return { status: 200, body: items, headers: totalHeader(total) };
};

export const getQueryProfile: Handler<'getQueryProfile'> = async ({ query, services }) => {
  const until = instant(query.until) ?? Date.now();
  const since = instant(query.since) ?? until - 3_600_000;
  return { status: 200, body: services.observability.queries.profile(since, until) };
};

export const explainQuery: Handler<'explainQuery'> = async ({ body, services }) => ({
  status: 200,
  body: await explain(services.sql, services.database.engine, body.query),
});
