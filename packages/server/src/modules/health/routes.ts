import type { ModuleHandlers } from '../../http/handler-types';
import { HttpError } from '../../http/http-error';
import { serverVersion } from '../../version';

/** The health module: probes that load balancers and orchestrators call; the database check is shared (database-probe.ts). */
export const healthHandlers: ModuleHandlers<'health'> = {
  getHealth: async ({ services }) => {
    const database = await services.databaseProbe.state();
    const body = {
      status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
      version: serverVersion,
      uptime_seconds: Math.floor((Date.now() - services.startedAt) / 1000),
      checks: { database },
    };
    return database === 'ok' ? { status: 200 as const, body } : { status: 503 as const, body };
  },
  getLiveness: async () => ({ status: 200, body: { status: 'ok' } }),
  getReadiness: async ({ services }) => {
    if ((await services.databaseProbe.state()) === 'failed')
      throw new HttpError(503, 'UNAVAILABLE', 'The database is not reachable.');
    return { status: 200, body: { status: 'ok' } };
  },
};
