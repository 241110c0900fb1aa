/** Alert rule handlers: CRUD and the firing history. HTTP in, one `AlertsService` call, HTTP out. */
import type { Handler } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';

export const getAlerts: Handler<'getAlerts'> = async ({ query, services }) => {
  const { items, total } = await services.observability.areas.alerts.list(query.limit ?? 50, query.offset ?? 0);
  return { status: 200, body: items, headers: totalHeader(total) };
};

export const createAlert: Handler<'createAlert'> = async ({ body, services }) => ({
  status: 201,
  body: await services.observability.areas.alerts.create(body),
});

export const updateAlert: Handler<'updateAlert'> = async ({ params, body, services }) => ({
  status: 200,
  body: await services.observability.areas.alerts.update(params.alertId, body),
});

export const deleteAlert: Handler<'deleteAlert'> = async ({ params, services }) => {
  await services.observability.areas.alerts.delete(params.alertId);
  return { status: 204 };
};

export const getAlertHistory: Handler<'getAlertHistory'> = async ({ query, services }) => {
  const { items, total } = await services.observability.areas.alerts.history(
    query.since,
    query.limit ?? 50,
    query.offset ?? 0,
  );
  return { status: 200, body: items, headers: totalHeader(total) };
};
