/**
 * Alert evaluation, after each metric sample, on the one instance that holds the
 * `observability.alerts` lease: a rule holds when every point of its metric in the last
 * `duration_minutes` meets the condition; a rule that starts holding fires (a firing in the
 * history, then its channels: a `warn` line of module `alerts`, or mail to every admin
 * through the outbox); one that stops holding resolves its open firing.
 */
import type { Kysely } from 'kysely';
import type { Leases } from '../../../data/leases';
import type { Tables } from '../../../db/tables';
import type { Logger } from '../../../log';
import type { Outbox } from '../../../mail/outbox';
import type { MetricsStore } from '../metrics/store';
import type { AlertsStore, AlertView } from './store';

/** What evaluation needs. */
export interface AlertDeps {
  db: Kysely<Tables>;
  store: AlertsStore;
  metrics: MetricsStore;
  leases: Leases;
  outbox: Outbox;
  log: Logger;
  /** How long a "minute" of `duration_minutes` is (tests shorten it). @default 60000 */
  minuteMs: number;
  /** How long the lease is held between samples. */
  leaseMs: number;
}

function meets(alert: AlertView, value: number): boolean {
  if (alert.condition === 'gt') return value > alert.threshold;
  if (alert.condition === 'lt') return value < alert.threshold;
  return value === alert.threshold;
}

/** Evaluates every enabled rule (when this instance holds the lease). */
export async function evaluateAlerts(deps: AlertDeps, now: number): Promise<void> {
  if (!(await deps.leases.acquire('observability.alerts', deps.leaseMs))) return;
  for (const alert of await deps.store.enabled()) await evaluateOne(deps, alert, now);
}

async function evaluateOne(deps: AlertDeps, alert: AlertView, now: number): Promise<void> {
  const since = now - alert.duration_minutes * deps.minuteMs;
  const series = await deps.metrics.series([alert.metric], since, now + 1, 1);
  const points = series[alert.metric];
  const holds = points.length > 0 && points.every((p) => meets(alert, p.value));
  const open = await deps.store.openEvent(alert.id);
  const at = new Date(now).toISOString();
  if (holds && !open) {
    const value = points[points.length - 1].value;
    await deps.store.fire(alert, value, at);
    await notify(deps, alert, value);
  } else if (!holds && open) {
    await deps.store.resolve(open.id, at);
  }
}

async function notify(deps: AlertDeps, alert: AlertView, value: number): Promise<void> {
  const text = `Alert "${alert.name}": ${alert.metric} is ${value} (${alert.condition} ${alert.threshold} for ${alert.duration_minutes} min)`;
  if (alert.notification_channels.includes('log')) deps.log.warn({ module: 'alerts', alertId: alert.id, value }, text);
  if (!alert.notification_channels.includes('email')) return;
  const admins = await deps.db.selectFrom('ls_users').select('email').where('role', '=', 'admin').execute();
  for (const admin of admins)
    await deps.outbox.send({ to: admin.email, subject: `[Lockstep] ${alert.name}`, body: text, purpose: 'alert' });
}
