/** Metric handlers: series (the dashboard's two readers), batch, catalogue, current gauges, Prometheus. HTTP in, one `MetricsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { pageOf, totalHeader } from '../../../http/paging';

/** Metric series, batch, catalogue, current gauges, Prometheus. */
export const metricRoutes = {
  getMetrics: async ({ query, services }) => ({
    status: 200,
    body: await services.observability.areas.metrics.page(query),
  }),
  getMultipleMetrics: async ({ query, services }) => ({
    status: 200,
    body: await services.observability.areas.metrics.batch(query['metrics[]'], query),
  }),
  getMetricNames: async ({ query, services }) => {
    const all = services.observability.areas.metrics.catalogue();
    return { status: 200, body: pageOf(all, query).map((m) => ({ ...m })), headers: totalHeader(all.length) };
  },
  getCurrentMetrics: async ({ services }) => ({
    status: 200,
    body: await services.observability.areas.metrics.current(),
  }),
  getPrometheusMetrics: async ({ services }) => {
    const { text, contentType } = await services.observability.areas.metrics.prometheus();
    return new Response(text, { status: 200, headers: { 'content-type': contentType } });
  },
} satisfies Partial<ModuleHandlers<'observability'>>;
