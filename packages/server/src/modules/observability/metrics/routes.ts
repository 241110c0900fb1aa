/** Metric handlers: series (the dashboard's two readers), batch, catalogue, current gauges, Prometheus. HTTP in, one `MetricsService` call, HTTP out. */
import type { Handler } from '../../../http/handler-types';
import { pageOf, totalHeader } from '../../../http/paging';

export const getMetrics: Handler<'getMetrics'> = async ({ query, services }) => ({
  status: 200,
  body: await services.observability.areas.metrics.page(query),
});

export const getMultipleMetrics: Handler<'getMultipleMetrics'> = async ({ query, services }) => ({
  status: 200,
  body: await services.observability.areas.metrics.batch(query['metrics[]'], query),
});

export const getMetricNames: Handler<'getMetricNames'> = async ({ query, services }) => {
  const all = services.observability.areas.metrics.catalogue();
  return { status: 200, body: pageOf(all, query).map((m) => ({ ...m })), headers: totalHeader(all.length) };
};

export const getCurrentMetrics: Handler<'getCurrentMetrics'> = async ({ services }) => ({
  status: 200,
  body: await services.observability.areas.metrics.current(),
});

export const getPrometheusMetrics: Handler<'getPrometheusMetrics'> = async ({ services }) => {
  const { text, contentType } = await services.observability.areas.metrics.prometheus();
  return new Response(text, { status: 200, headers: { 'content-type': contentType } });
};
