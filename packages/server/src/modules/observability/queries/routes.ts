/** Statement handlers: performance stats, slow statements, profiler, explain. HTTP in, one call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';
import { instant } from '../windows';
import { explain } from './explain';

/** Statement timings: performance, slow statements, profiler, explain. */
export const queryRoutes = {
  getPerformanceStats: async ({ services }) => ({
    status: 200,
    body: await services.observability.areas.queries.performance(),
  }),
  getSlowQueries: async ({ query, services }) => {
    const { items, total } = await services.observability.areas.queries.slow(
      query.threshold_ms,
      instant(query.since) ?? 0,
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { status: 200, body: items, headers: totalHeader(total) };
  },
  getQueryProfile: async ({ query, services }) => ({
    status: 200,
    body: services.observability.areas.queries.profile(instant(query.since), instant(query.until)),
  }),
  explainQuery: async ({ body, services }) => ({
    status: 200,
    body: await explain(services.sql, services.database.engine, body.query),
  }),
} satisfies Partial<ModuleHandlers<'observability'>>;
