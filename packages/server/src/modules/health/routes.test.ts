import { describe, expect, it } from 'vitest';
import { DatabaseProbe } from './database-probe';
import { healthHandlers } from './routes';
import { HealthService } from './service';

const servicesWith = (ping: () => Promise<void>) =>
  ({ services: { health: new HealthService(new DatabaseProbe(ping)) } }) as never;

describe('health handlers', () => {
  it('answer ok and ready while the database answers', async () => {
    const ctx = servicesWith(() => Promise.resolve());
    expect(await healthHandlers.getHealth(ctx)).toMatchObject({ status: 200, body: { checks: { database: 'ok' } } });
    expect(await healthHandlers.getReadiness(ctx)).toMatchObject({ status: 200 });
  });

  it('answer degraded (503) and not ready (503 UNAVAILABLE) when it does not', async () => {
    const ctx = servicesWith(() => Promise.reject(new Error('connection refused')));
    expect(await healthHandlers.getHealth(ctx)).toMatchObject({
      status: 503,
      body: { status: 'degraded', checks: { database: 'failed' } },
    });
    await expect(healthHandlers.getReadiness(ctx)).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });
});
