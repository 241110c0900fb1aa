import { describe, expect, it } from 'vitest';
import { AlertsService } from './service';
import type { AlertInput, AlertsStore, AlertView } from './store';

/** Rules in a map: just what the service asks of the store. */
function memoryStore(): AlertsStore {
  const rules = new Map<string, AlertView>();
  let next = 0;
  const store = {
    byName: async (name: string) => [...rules.values()].find((r) => r.name === name),
    get: async (id: string) => rules.get(id),
    create: async (input: AlertInput) => {
      const rule: AlertView = { ...input, id: `a${++next}`, enabled: true, created_at: '2026-01-01T00:00:00.000Z' };
      rules.set(rule.id, rule);
      return rule;
    },
    update: async (id: string, change: Partial<AlertView>) => {
      rules.set(id, { ...rules.get(id)!, ...change });
    },
    delete: async (id: string) => rules.delete(id),
  };
  return store as unknown as AlertsStore;
}

const rule = (name: string, metric = 'error_rate'): AlertInput => ({
  name,
  metric,
  condition: 'gt',
  threshold: 0.5,
  duration_minutes: 5,
  notification_channels: ['log'],
});

describe('AlertsService', () => {
  it('refuses a metric outside the catalogue with 400 INVALID_QUERY', async () => {
    const alerts = new AlertsService(memoryStore());
    await expect(alerts.create(rule('cpu', 'no_such_metric'))).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_QUERY',
    });
  });

  it('refuses a second rule of the same name with 409', async () => {
    const alerts = new AlertsService(memoryStore());
    await alerts.create(rule('errors'));
    await expect(alerts.create(rule('errors'))).rejects.toMatchObject({ status: 409 });
  });

  it('lets a rule keep its own name but not take the name of another', async () => {
    const alerts = new AlertsService(memoryStore());
    const first = await alerts.create(rule('errors'));
    await alerts.create(rule('latency', 'latency_p95'));
    expect(await alerts.update(first.id, { name: 'errors', threshold: 0.9 })).toMatchObject({ threshold: 0.9 });
    await expect(alerts.update(first.id, { name: 'latency' })).rejects.toMatchObject({ status: 409 });
  });

  it('answers 404 for a change or deletion of a rule that does not exist', async () => {
    const alerts = new AlertsService(memoryStore());
    await expect(alerts.update('missing', { threshold: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(alerts.delete('missing')).rejects.toMatchObject({ status: 404 });
  });
});
