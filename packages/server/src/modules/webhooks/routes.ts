/** The webhooks module: endpoints CRUD, a test delivery, the delivery history and redelivery. HTTP in, the service, HTTP out. */
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { totalHeader } from '../../http/paging';
import { webhookView } from './store';

const DAY = 86_400_000;

function checkUrl(refusal: string | undefined): void {
  if (refusal) throw errors.validation([{ field: 'body.url', message: refusal }]);
}

export const webhookHandlers: ModuleHandlers<'webhooks'> = {
  listWebhooks: async ({ query, services }) => {
    const { items, total } = await services.webhooks.store.list(query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: items, headers: totalHeader(total) };
  },
  createWebhook: async ({ body, services }) => {
    checkUrl(services.webhooks.refusal(body.url));
    return { status: 201, body: await services.webhooks.create(body) };
  },
  getWebhook: async ({ params, services }) => {
    const row = await services.webhooks.store.get(params.webhookId);
    if (!row) throw errors.notFound('Webhook');
    return { status: 200, body: webhookView(row) };
  },
  updateWebhook: async ({ params, body, services }) => {
    if (body.url !== undefined) checkUrl(services.webhooks.refusal(body.url));
    const updated = await services.webhooks.update(params.webhookId, body);
    if (!updated) throw errors.notFound('Webhook');
    return { status: 200, body: updated };
  },
  deleteWebhook: async ({ params, services }) => {
    if (!(await services.webhooks.delete(params.webhookId))) throw errors.notFound('Webhook');
    return { status: 204 };
  },
  testWebhook: async ({ params, services }) => {
    const row = await services.webhooks.store.get(params.webhookId);
    if (!row) throw errors.notFound('Webhook');
    return { status: 200, body: await services.webhooks.test(row) };
  },
  redeliverWebhookDelivery: async ({ params, services }) => {
    const hook = await services.webhooks.store.get(params.webhookId);
    if (!hook) throw errors.notFound('Webhook');
    const original = await services.webhooks.store.delivery(hook.id, params.deliveryId);
    if (!original) throw errors.notFound('Delivery');
    if (Number(hook.enabled) !== 1) throw errors.conflict('The webhook is disabled: enable it before sending again.');
    return { status: 202, body: await services.webhooks.redeliver(original) };
  },
  listWebhookDeliveries: async ({ params, query, services }) => {
    if (!(await services.webhooks.store.get(params.webhookId))) throw errors.notFound('Webhook');
    const since = new Date(Date.now() - services.webhooks.options.retentionDays * DAY).toISOString();
    const { items, total } = await services.webhooks.store.deliveries(
      params.webhookId,
      { status: query.status, event: query.event, since },
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { status: 200, body: items, headers: totalHeader(total) };
  },
};
