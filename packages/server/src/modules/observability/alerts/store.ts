/**
 * Alert rules (`ls_alerts`) and their firings (`ls_alert_events`): CRUD of rules, opening
 * and resolving firings, the history. A rule's deletion keeps its firings.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlertTable, Tables } from '../../../db/tables';

/** A rule as the spec's `ObservabilityAlert`. */
export interface AlertView {
  id: string;
  name: string;
  metric: string;
  condition: 'gt' | 'lt' | 'eq';
  threshold: number;
  duration_minutes: number;
  enabled: boolean;
  notification_channels: ('email' | 'log')[];
  last_triggered_at?: string;
  created_at: string;
}

/** The fields of a new rule. */
export type AlertInput = Omit<AlertView, 'id' | 'enabled' | 'created_at' | 'last_triggered_at'>;
/** The fields a change may set. */
export type AlertChange = Partial<Pick<AlertView, 'name' | 'threshold' | 'enabled' | 'notification_channels'>>;

function view(r: AlertTable): AlertView {
  return {
    id: r.id,
    name: r.name,
    metric: r.metric,
    condition: r.condition,
    threshold: Number(r.threshold),
    duration_minutes: Number(r.duration_minutes),
    enabled: Number(r.enabled) === 1,
    notification_channels: JSON.parse(r.channels),
    ...(r.last_triggered_at ? { last_triggered_at: r.last_triggered_at } : {}),
    created_at: r.created_at,
  };
}

/** Reads and writes alert rules and firings. */
export class AlertsStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(limit: number, offset: number): Promise<{ items: AlertView[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('ls_alerts').selectAll().orderBy('name').limit(limit).offset(offset).execute(),
      this.db
        .selectFrom('ls_alerts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(view), total: Number(count.n) };
  }

  async enabled(): Promise<AlertView[]> {
    return (await this.db.selectFrom('ls_alerts').selectAll().where('enabled', '=', 1).execute()).map(view);
  }

  async byName(name: string): Promise<AlertView | undefined> {
    const row = await this.db.selectFrom('ls_alerts').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? view(row) : undefined;
  }

  async get(id: string): Promise<AlertView | undefined> {
    const row = await this.db.selectFrom('ls_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? view(row) : undefined;
  }

  async create(input: AlertInput): Promise<AlertView> {
    const row: AlertTable = {
      id: randomUUID(),
      name: input.name,
      metric: input.metric,
      condition: input.condition,
      threshold: input.threshold,
      duration_minutes: input.duration_minutes,
      enabled: 1,
      channels: JSON.stringify(input.notification_channels),
      last_triggered_at: null,
      created_at: new Date().toISOString(),
    };
    await this.db.insertInto('ls_alerts').values(row).execute();
    return view(row);
  }

  async update(id: string, change: AlertChange): Promise<void> {
    const set: Partial<AlertTable> = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.threshold !== undefined) set.threshold = change.threshold;
    if (change.enabled !== undefined) set.enabled = change.enabled ? 1 : 0;
    if (change.notification_channels !== undefined) set.channels = JSON.stringify(change.notification_channels);
    await this.db.updateTable('ls_alerts').set(set).where('id', '=', id).execute();
  }

  /** Deletes a rule; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('ls_alerts').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The open firing of a rule, if any. */
  async openEvent(alertId: string) {
    return this.db
      .selectFrom('ls_alert_events')
      .selectAll()
      .where('alert_id', '=', alertId)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
  }

  async fire(alert: AlertView, value: number, at: string): Promise<void> {
    await this.db
      .insertInto('ls_alert_events')
      .values({
        id: randomUUID(),
        alert_id: alert.id,
        alert_name: alert.name,
        triggered_at: at,
        value,
        resolved_at: null,
      })
      .execute();
    await this.db.updateTable('ls_alerts').set({ last_triggered_at: at }).where('id', '=', alert.id).execute();
  }

  async resolve(eventId: string, at: string): Promise<void> {
    await this.db.updateTable('ls_alert_events').set({ resolved_at: at }).where('id', '=', eventId).execute();
  }

  async history(since: string | undefined, limit: number, offset: number) {
    let q = this.db.selectFrom('ls_alert_events');
    if (since) q = q.where('triggered_at', '>=', since);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('triggered_at', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((r) => ({
      alert_id: r.alert_id,
      alert_name: r.alert_name,
      triggered_at: r.triggered_at,
      value: Number(r.value),
      ...(r.resolved_at ? { resolved_at: r.resolved_at } : {}),
    }));
    return { items, total: Number(count.n) };
  }
}
