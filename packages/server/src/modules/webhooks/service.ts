/**
 * Webhooks: endpoints with sealed secrets; events queued durably per subscribed endpoint
 * (never sent on the request that caused them); a worker on every instance claiming due
 * deliveries (each claimed by one instance only), signing and sending them, retrying with
 * exponential backoff and jitter, and disabling an endpoint after a run of failed
 * deliveries. Row events come from the realtime change feed.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeRecord } from '../../data/change-log';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import { refusedHost } from '../../net/address-guard';
import { eventBody, rowEvent, wantsRowEvents } from './events';
import { defaultWebhookOptions, type WebhookOptions } from './options';
import { newSecret, prefixOf, SecretBox } from './secret';
import { sendAttempt } from './send';
import { signatureHeader, standardSignature } from './signing';
import {
  type AttemptOutcome,
  type DeliveryRow,
  deliveryView,
  type WebhookRow,
  WebhooksStore,
  webhookView,
} from './store';

/** Where row events come from (the realtime service). */
export interface ChangeSource {
  watchChanges(watcher: (changes: ChangeRecord[]) => Promise<void>): Promise<() => void>;
}

/** What the service is built from. */
export interface WebhooksDeps {
  database: Database;
  log: Logger;
  serverSecret: Uint8Array;
  changes: ChangeSource;
  options?: Partial<WebhookOptions>;
}

const LOCK_MS = 60_000;
/** How long shutdown waits for attempts in flight. */
const CLOSE_WAIT_MS = 2000;
const REFRESH_MS = 30_000;

/** The webhooks of the server. */
export class WebhooksService {
  readonly options: WebhookOptions;
  readonly store: WebhooksStore;
  private readonly box: SecretBox;
  private stopWatching?: () => void;
  private timers: NodeJS.Timeout[] = [];
  private working?: Promise<void>;
  private closed = false;

  constructor(private readonly deps: WebhooksDeps) {
    this.options = { ...defaultWebhookOptions, ...deps.options };
    this.store = new WebhooksStore(deps.database.db);
    this.box = new SecretBox(deps.serverSecret);
  }

  /** Why `url` is refused under the address policy, or undefined. */
  refusal(url: string): string | undefined {
    return this.options.allowPrivateAddresses ? undefined : refusedHost(new URL(url));
  }

  /** Creates a webhook; answers it and its secret (shown this once). */
  async create(input: { name: string; url: string; events: string[]; enabled?: boolean }) {
    const secret = newSecret();
    const now = new Date().toISOString();
    const row: WebhookRow = {
      id: randomUUID(),
      name: input.name,
      url: input.url,
      events: JSON.stringify(input.events),
      enabled: input.enabled === false ? 0 : 1,
      secret_prefix: prefixOf(secret),
      secret_sealed: this.box.seal(secret),
      failures_in_row: 0,
      created_at: now,
      updated_at: now,
    };
    await this.store.insert(row);
    await this.refreshWatch();
    return { webhook: webhookView(row), secret };
  }

  /** Changes a webhook; undefined when there is none. */
  async update(id: string, change: { name?: string; url?: string; events?: string[]; enabled?: boolean }) {
    if (!(await this.store.get(id))) return undefined;
    const set: Partial<WebhookRow> = { updated_at: new Date().toISOString() };
    if (change.name !== undefined) set.name = change.name;
    if (change.url !== undefined) set.url = change.url;
    if (change.events !== undefined) set.events = JSON.stringify(change.events);
    if (change.enabled !== undefined) {
      set.enabled = change.enabled ? 1 : 0;
      if (change.enabled) set.failures_in_row = 0;
    }
    await this.store.update(id, set);
    await this.refreshWatch();
    return webhookView((await this.store.get(id))!);
  }

  /** Deletes a webhook and its deliveries. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.store.delete(id);
    await this.refreshWatch();
    return deleted;
  }

  /** Queues `event` for every enabled webhook listening to it. Never throws: a failure is logged. */
  async emit(event: string, data: unknown, eventId: string = randomUUID(), createdAt = new Date().toISOString()) {
    try {
      const hooks = (await this.store.enabled()).filter((h) => (JSON.parse(h.events) as string[]).includes(event));
      const body = eventBody(eventId, event, createdAt, data);
      for (const hook of hooks)
        await this.store.enqueue(hook.id, eventId, event, body, this.options.retryDelaysMs.length + 1, Date.now());
    } catch (error) {
      this.deps.log.error({ err: error, module: 'webhooks', event }, 'webhooks: an event could not be queued');
    }
  }

  private async onChanges(changes: ChangeRecord[]): Promise<void> {
    for (const change of changes) {
      const e = rowEvent(change);
      await this.emit(e.event, e.data, e.id, e.createdAt);
    }
  }

  /** Reads the change feed while some enabled webhook listens to row events. */
  async refreshWatch(): Promise<void> {
    if (this.closed) return;
    const wanted = (await this.store.enabled()).some((h) => wantsRowEvents(JSON.parse(h.events)));
    if (wanted && !this.stopWatching)
      this.stopWatching = await this.deps.changes.watchChanges((c) => this.onChanges(c));
    else if (!wanted && this.stopWatching) {
      this.stopWatching();
      this.stopWatching = undefined;
    }
  }

  /** Sends a `webhook.test` event now, one attempt, even to a disabled webhook; answers the delivery. */
  async test(row: WebhookRow) {
    const eventId = randomUUID();
    const body = eventBody(eventId, 'webhook.test', new Date().toISOString(), {});
    const delivery = await this.store.enqueue(row.id, eventId, 'webhook.test', body, 1, Date.now(), null);
    return deliveryView(await this.attempt(row, delivery!));
  }

  /** Queues a delivery's event again for its (enabled) webhook and wakes the worker; answers the new delivery. */
  async redeliver(original: DeliveryRow) {
    const row = await this.store.requeue(original, this.options.retryDelaysMs.length + 1, Date.now());
    void this.work();
    return deliveryView(row);
  }

  private async attempt(hook: WebhookRow, d: DeliveryRow): Promise<DeliveryRow> {
    const sentAt = Math.floor(Date.now() / 1000);
    const secret = this.box.open(hook.secret_sealed);
    const result = await sendAttempt({
      url: hook.url,
      body: d.payload,
      timeoutMs: this.options.timeoutMs,
      allowPrivate: this.options.allowPrivateAddresses,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Lockstep-Webhooks/1',
        'x-lockstep-event': d.event,
        'x-lockstep-delivery': d.id,
        'x-lockstep-signature': signatureHeader(secret, sentAt, d.payload),
        // Standard Webhooks: the message id stays the same across retries, for deduplication.
        'webhook-id': d.event_id,
        'webhook-timestamp': String(sentAt),
        'webhook-signature': standardSignature(secret, d.event_id, sentAt, d.payload),
      },
    });
    const attempt = Number(d.attempt) + 1;
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const more = !ok && attempt < Number(d.max_attempts);
    const outcome: AttemptOutcome = {
      status: ok ? 'succeeded' : more ? 'pending' : 'failed',
      responseStatus: result.status ?? null,
      durationMs: result.durationMs,
      error: ok ? null : (result.error ?? null),
      deliveredAt: ok ? new Date().toISOString() : null,
      nextAttemptAt: more ? Date.now() + this.backoff(attempt) : null,
    };
    const after = (await this.store.finishAttempt(d.id, attempt, outcome))!;
    if (d.event !== 'webhook.test') await this.countOutcome(hook, outcome.status);
    return after;
  }

  private dropped(d: DeliveryRow): AttemptOutcome {
    const responseStatus = d.response_status === null ? null : Number(d.response_status);
    const durationMs = d.duration_ms === null ? 0 : Number(d.duration_ms);
    return { status: 'failed', responseStatus, durationMs, error: null, deliveredAt: null, nextAttemptAt: null };
  }

  /** The wait after failed attempt `attempt` (1-based), with jitter. */
  backoff(attempt: number): number {
    const delays = this.options.retryDelaysMs;
    const base = delays[Math.min(attempt, delays.length) - 1];
    return Math.round(base * (1 + (Math.random() * 2 - 1) * this.options.jitter));
  }

  private async countOutcome(hook: WebhookRow, status: DeliveryRow['status']): Promise<void> {
    if (status === 'pending') return;
    if (status === 'succeeded') {
      if (Number(hook.failures_in_row) > 0) await this.store.update(hook.id, { failures_in_row: 0 });
      return;
    }
    const failures = Number((await this.store.get(hook.id))?.failures_in_row ?? 0) + 1;
    const disable = failures >= this.options.disableAfterFailures;
    await this.store.update(hook.id, { failures_in_row: failures, ...(disable ? { enabled: 0 } : {}) });
    if (disable) {
      this.deps.log.warn(
        { module: 'webhooks', webhookId: hook.id, failures },
        'webhooks: disabled after failed deliveries',
      );
      await this.refreshWatch();
    }
  }

  /** Sends what is due now (one pass; passes never overlap on one instance). */
  work(): Promise<void> {
    this.working ??= (async () => {
      while (!this.closed) {
        const due = await this.store.claimDue(Date.now(), LOCK_MS, 10);
        if (due.length === 0) return;
        await Promise.all(due.map((d) => this.deliver(d)));
      }
    })()
      .catch((error) => this.deps.log.error({ err: error, module: 'webhooks' }, 'webhooks: the delivery worker failed'))
      .finally(() => {
        this.working = undefined;
      });
    return this.working;
  }

  private async deliver(d: DeliveryRow): Promise<void> {
    const hook = await this.store.get(d.webhook_id);
    if (!hook) return;
    if (Number(hook.enabled) !== 1) {
      const at = Number(d.attempt);
      const error = 'The webhook was disabled before this delivery was sent.';
      await this.store.finishAttempt(d.id, at, { ...this.dropped(d), error });
      return;
    }
    await this.attempt(hook, d);
  }

  /** Starts the worker, the feed watch, and retention. */
  async start(): Promise<void> {
    await this.refreshWatch();
    const every = (ms: number, task: () => Promise<unknown>) => {
      const timer = setInterval(() => void task().catch(() => undefined), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.pollMs, () => this.work());
    every(REFRESH_MS, () => this.refreshWatch());
    every(3_600_000, () =>
      this.store.prune(new Date(Date.now() - this.options.retentionDays * 86_400_000).toISOString()),
    );
  }

  /** Stops the worker and the watch; a delivery in flight finishes. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.stopWatching?.();
    // Attempts in flight may wait on a slow receiver; unfinished ones stay claimed until
    // their lock lapses and are retried by the next instance to run, so shutdown need not wait.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.working, new Promise<void>((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }
}
