/** The health handlers, probes that load balancers and orchestrators call: HTTP in, one `HealthService` call, HTTP out. */
import type { ModuleHandlers } from '../../http/handler-types';

/** The handlers of the `health` tag. */
export const healthHandlers: ModuleHandlers<'health'> = {
  getHealth: async ({ services }) => {
    const body = await services.health.report();
    return body.status === 'ok' ? { status: 200 as const, body } : { status: 503 as const, body };
  },
  getLiveness: async () => ({ status: 200, body: { status: 'ok' } }),
  getReadiness: async ({ services }) => {
    await services.health.assertReady();
    return { status: 200, body: { status: 'ok' } };
  },
};
