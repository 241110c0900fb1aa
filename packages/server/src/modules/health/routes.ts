/** The health handlers, probes that load balancers and orchestrators call: HTTP in, one `HealthService` call, HTTP out. */
import { andThen } from '../../awaitable';
import type { ModuleHandlers } from '../../http/handler-types';

/** The handlers of the `health` tag. */
export const healthHandlers: ModuleHandlers<'health'> = {
  // Not async: probes answer at once while the database check's answer is recent.
  getHealth: ({ services }) =>
    andThen(services.health.report(), (body) =>
      body.status === 'ok' ? { status: 200 as const, body } : { status: 503 as const, body },
    ),
  getLiveness: () => ({ status: 200, body: { status: 'ok' } }),
  getReadiness: async ({ services }) => {
    await services.health.assertReady();
    return { status: 200, body: { status: 'ok' } };
  },
};
