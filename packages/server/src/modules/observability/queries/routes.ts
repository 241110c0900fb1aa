/** Statement handlers: performance stats, slow statements, profiler, explain. HTTP in, one call, HTTP out. */
import type { Handler } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { instant } from '../windows';
import { explain } from './explain';

export const getPerformanceStats: Handler<'getPerformanceStats'> = async ({ services }) => ({
  status: 200,
  body: await services.observability.areas.queries.performance(),
});

export const getSlowQueries: Handler<'getSlowQueries'> = async ({ query, services }) => {
  const { items, total } = await services.observability.areas.queries.slow(
    query.threshold_ms,
    instant(query.since) ?? 0,
    query.limit ?? 50,
    query.offset ?? 0,
  );
  return { status: 200, body: items, headers: totalHeader(total) };
};

export const getQueryProfile: Handler<'getQueryProfile'> = async ({ query, services }) => ({
  status: 200,
  body: services.observability.areas.queries.profile(instant(query.since), instant(query.until)),
});

export const explainQuery: Handler<'explainQuery'> = async ({ body, services }) => ({
  status: 200,
  body: await explain(services.sql, services.database.engine, body.query),
});
