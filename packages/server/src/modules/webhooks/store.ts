/**
 * Webhooks and their deliveries, in the database: CRUD of endpoints; the delivery queue
 * (`ls_webhook_deliveries` is the queue: a pending row with `next_attempt_at` is due then,
 * and `locked_until` marks the instance sending it, so a crash frees it and a restart
 * resumes it); the history.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import { type Kysely, sql } from 'kysely';
import type { Tables, WebhookDeliveryTable, WebhookTable } from '../../db/tables';

/** A webhook as the spec's `Webhook`. */
export type WebhookView = components['schemas']['Webhook'];
/** A delivery as the spec's `WebhookDelivery`. */
export type DeliveryView = components['schemas']['WebhookDelivery'];
type EventName = DeliveryView['event'];

/** A webhook with what is needed to send to it. */
export type WebhookRow = WebhookTable;
/** A delivery row. */
export type DeliveryRow = WebhookDeliveryTable;

/** The webhook as served. */
export function webhookView(r: WebhookRow): WebhookView {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: JSON.parse(r.events),
    enabled: Number(r.enabled) === 1,
    secret_prefix: r.secret_prefix,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** The delivery as served. */
export function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    webhook_id: r.webhook_id,
    event: r.event as EventName,
    status: r.status,
    response_status: r.response_status === null ? null : Number(r.response_status),
    attempt: Number(r.attempt),
    duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
    error: r.error,
    created_at: r.created_at,
    delivered_at: r.delivered_at,
    redelivery_of: r.redelivery_of ?? null,
  };
}

/** What a finished attempt writes. */
export interface AttemptOutcome {
  status: DeliveryRow['status'];
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  deliveredAt: string | null;
  nextAttemptAt: number | null;
}

/** What makes one delivery: its webhook, its event, and the delivery it sends again (if any). */
type DeliveryOf = Pick<DeliveryRow, 'webhook_id' | 'event_id' | 'event' | 'payload' | 'redelivery_of'>;

/** A new delivery of `of`, not yet attempted, due at `dueAt` (null: never picked up by the worker). */
function pendingDelivery(of: DeliveryOf, maxAttempts: number, now: number, dueAt: number | null): DeliveryRow {
  return {
    ...of,
    id: randomUUID(),
    status: 'pending',
    attempt: 0,
    max_attempts: maxAttempts,
    response_status: null,
    duration_ms: null,
    error: null,
    created_at: new Date(now).toISOString(),
    delivered_at: null,
    next_attempt_at: dueAt,
    locked_until: null,
  };
}

/** Reads and writes webhooks and deliveries. */
export class WebhooksStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(limit: number, offset: number): Promise<{ items: WebhookView[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('ls_webhooks')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom('ls_webhooks')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(webhookView), total: Number(count.n) };
  }

  async get(id: string): Promise<WebhookRow | undefined> {
    return this.db.selectFrom('ls_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Enabled webhooks, with their sealed secrets. */
  async enabled(): Promise<WebhookRow[]> {
    return this.db.selectFrom('ls_webhooks').selectAll().where('enabled', '=', 1).execute();
  }

  async insert(row: WebhookRow): Promise<void> {
    await this.db.insertInto('ls_webhooks').values(row).execute();
  }

  async update(id: string, set: Partial<WebhookRow>): Promise<void> {
    await this.db.updateTable('ls_webhooks').set(set).where('id', '=', id).execute();
  }

  /** Deletes a webhook and (by cascade, and explicitly for engines without it) its deliveries. */
  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('ls_webhook_deliveries').where('webhook_id', '=', id).execute();
    const r = await this.db.deleteFrom('ls_webhooks').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Queues one event for one webhook; a second enqueue of the same event id is ignored. */
  async enqueue(
    webhookId: string,
    eventId: string,
    event: string,
    payload: string,
    maxAttempts: number,
    now: number,
    /** When the worker may send it; a test delivery, sent at once by its request, is never due. @default now */
    dueAt: number | null = now,
  ): Promise<DeliveryRow | undefined> {
    const row = pendingDelivery(
      { webhook_id: webhookId, event_id: eventId, event, payload, redelivery_of: null },
      maxAttempts,
      now,
      dueAt,
    );
    const r = await this.db
      .insertInto('ls_webhook_deliveries')
      .values(row)
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).where('redelivery_of', 'is', null).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 1) > 0 ? row : undefined;
  }

  /** One delivery of one webhook; undefined when there is none (or it is another webhook's). */
  async delivery(webhookId: string, id: string): Promise<DeliveryRow | undefined> {
    return this.db
      .selectFrom('ls_webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
  }

  /** Queues `original`'s event again as a new delivery, due at `now`. */
  async requeue(original: DeliveryRow, maxAttempts: number, now: number): Promise<DeliveryRow> {
    const { webhook_id, event_id, event, payload } = original;
    const row = pendingDelivery(
      { webhook_id, event_id, event, payload, redelivery_of: original.id },
      maxAttempts,
      now,
      now,
    );
    await this.db.insertInto('ls_webhook_deliveries').values(row).execute();
    return row;
  }

  /**
   * Claims up to `limit` due deliveries for `lockMs`: one statement whose WHERE is checked
   * again on each row, so two instances never claim the same delivery.
   */
  async claimDue(now: number, lockMs: number, limit: number): Promise<DeliveryRow[]> {
    // A read first: an idle queue costs no write (SQLite would take its write lock for nothing).
    const any = await this.db
      .selectFrom('ls_webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .limit(1)
      .executeTakeFirst();
    if (!any) return [];
    const { rows } = await sql<DeliveryRow>`
      update ls_webhook_deliveries set locked_until = ${now + lockMs}
      where id in (
        select id from ls_webhook_deliveries
        where status = 'pending' and next_attempt_at <= ${now} and (locked_until is null or locked_until < ${now})
        order by next_attempt_at limit ${limit}
      ) and status = 'pending' and (locked_until is null or locked_until < ${now})
      returning *`.execute(this.db);
    return rows;
  }

  /** Records an attempt's outcome and frees the delivery. */
  async finishAttempt(id: string, attempt: number, o: AttemptOutcome): Promise<DeliveryRow | undefined> {
    await this.db
      .updateTable('ls_webhook_deliveries')
      .set({
        status: o.status,
        attempt,
        response_status: o.responseStatus,
        duration_ms: o.durationMs,
        error: o.error,
        delivered_at: o.deliveredAt,
        next_attempt_at: o.nextAttemptAt,
        locked_until: null,
      })
      .where('id', '=', id)
      .execute();
    return this.db.selectFrom('ls_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async deliveries(
    webhookId: string,
    filter: { status?: string; event?: string; since: string },
    limit: number,
    offset: number,
  ): Promise<{ items: DeliveryView[]; total: number }> {
    let q = this.db
      .selectFrom('ls_webhook_deliveries')
      .where('webhook_id', '=', webhookId)
      .where('created_at', '>=', filter.since);
    if (filter.status) q = q.where('status', '=', filter.status as DeliveryRow['status']);
    if (filter.event) q = q.where('event', '=', filter.event);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(deliveryView), total: Number(count.n) };
  }

  /** Deletes deliveries created before `before` (RFC 3339). */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('ls_webhook_deliveries').where('created_at', '<', before).execute();
  }
}
