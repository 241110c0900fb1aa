/** Alert rule handlers: CRUD and the firing history. */
import type { Handler } from '../../../http/handler-types';
import { errors } from '../../../http/http-error';
import { totalHeader } from '../../../http/paging';
import { isMetricName } from '../metrics/catalogue';

export const getAlerts: Handler<'getAlerts'> = async ({ query, services }) => {
  const { items, total } = await services.observability.alerts.list(query.limit ?? 50, query.offset ?? 0);
  return { status: 200, body: items, headers: totalHeader(total) };
};

export const createAlert: Handler<'createAlert'> = async ({ body, services }) => {
  const alerts = services.observability.alerts;
  if (!isMetricName(body.metric))
    throw errors.badRequest('INVALID_QUERY', `Unknown metric: ${body.metric}. See /observability/metrics/available.`);
  if (await alerts.byName(body.name)) throw errors.conflict(`An alert rule named "${body.name}" exists already.`);
  return { status: 201, body: await alerts.create(body) };
};

export const updateAlert: Handler<'updateAlert'> = async ({ params, body, services }) => {
  const alerts = services.observability.alerts;
  if (!(await alerts.get(params.alertId))) throw errors.notFound('Alert rule');
  if (body.name !== undefined) {
    const other = await alerts.byName(body.name);
    if (other && other.id !== params.alertId)
      throw errors.conflict(`An alert rule named "${body.name}" exists already.`);
  }
  await alerts.update(params.alertId, body);
  return { status: 200, body: (await alerts.get(params.alertId))! };
};

export const deleteAlert: Handler<'deleteAlert'> = async ({ params, services }) => {
  if (!(await services.observability.alerts.delete(params.alertId))) throw errors.notFound('Alert rule');
  return { status: 204 };
};

export const getAlertHistory: Handler<'getAlertHistory'> = async ({ query, services }) => {
  const { items, total } = await services.observability.alerts.history(
    query.since === undefined ? undefined : new Date(query.since).toISOString(),
    query.limit ?? 50,
    query.offset ?? 0,
  );
  return { status: 200, body: items, headers: totalHeader(total) };
};
