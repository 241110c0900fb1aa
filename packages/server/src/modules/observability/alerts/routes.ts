/** Alert rule handlers: CRUD and the firing history. HTTP in, one `AlertsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { totalHeader } from '../../../http/paging';

/** Alert rules and their firing history. */
export const alertRoutes = {
  getAlerts: async ({ query, services }) => {
    const { items, total } = await services.observability.areas.alerts.list(query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: items, headers: totalHeader(total) };
  },
  createAlert: async ({ body, services }) => ({
    status: 201,
    body: await services.observability.areas.alerts.create(body),
  }),
  updateAlert: async ({ params, body, services }) => ({
    status: 200,
    body: await services.observability.areas.alerts.update(params.alertId, body),
  }),
  deleteAlert: async ({ params, services }) => {
    await services.observability.areas.alerts.delete(params.alertId);
    return { status: 204 };
  },
  getAlertHistory: async ({ query, services }) => {
    const { items, total } = await services.observability.areas.alerts.history(
      query.since,
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { status: 200, body: items, headers: totalHeader(total) };
  },
} satisfies Partial<ModuleHandlers<'observability'>>;
