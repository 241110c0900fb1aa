/**
 * The triggers that are not HTTP. Cron: every instance keeps a croner job per schedule; on
 * a tick, the instance holding the schedule's lease (`data/leases.ts`) runs it, and the
 * tick's key (function, schedule, minute) is claimed in the invocations table, so a tick
 * runs once across instances; ticks missed while no instance ran are not replayed. Events:
 * the realtime module's change feed (`RealtimeService.watchChanges`) hands over each batch
 * of committed row changes; each matching change runs the function once across instances
 * (its key is the change id). Triggers are reloaded after a local change and every
 * `triggerRefreshMs` (changes made on other instances).
 */
import { Cron } from 'croner';
import type { Selectable } from 'kysely';
import type { ChangeRecord } from '../../data/change-log';
import type { Leases } from '../../data/leases';
import type { RowService } from '../../data/row-service';
import type { Engine } from '../../db/database';
import type { FunctionRow } from '../../db/tables';
import type { Logger } from '../../log';
import { prepareChange } from '../realtime/changes';
import type { ChangeWatcher } from '../realtime/service';
import type { Runner } from './runner';
import type { FunctionsStore } from './store';
import { cronSpecs, type EventSpec, eventSpecs } from './triggers-config';
import type { Trigger } from './view';

/** What the triggers need from the server. */
export interface TriggerDeps {
  store: FunctionsStore;
  runner: Runner;
  leases: Leases;
  rows: RowService;
  engine: Engine;
  log: Logger;
  /** Subscribes to the realtime change feed; answers the unsubscribe. */
  watchChanges: (watcher: ChangeWatcher) => Promise<() => void>;
  refreshMs: number;
}

interface Watch {
  fn: Selectable<FunctionRow>;
  spec: EventSpec;
}

/** Runs functions on their schedules and on row changes. */
export class FunctionTriggers {
  private jobs: Cron[] = [];
  private watches: Watch[] = [];
  private unwatch?: () => void;
  private timer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: TriggerDeps) {}

  /** Loads the triggers and starts reloading them periodically. */
  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), this.deps.refreshMs);
    this.timer.unref();
  }

  /** Reloads every enabled function's triggers (after a change, here or elsewhere). */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.load())
      .catch((error) => this.deps.log.error({ err: error }, 'functions: reloading triggers failed'));
    return this.reloading;
  }

  private async load(): Promise<void> {
    if (this.stopped) return;
    const functions = (await this.deps.store.enabled()).filter((fn) => fn.runtime !== 'wasm');
    for (const job of this.jobs) job.stop();
    this.jobs = [];
    const watches: Watch[] = [];
    for (const fn of functions) {
      const triggers = JSON.parse(fn.triggers) as Trigger[];
      for (const spec of cronSpecs(triggers))
        this.jobs.push(
          new Cron(spec.expression, { timezone: 'UTC', protect: true, unref: true }, () =>
            this.tick(fn, spec.index, spec.expression, spec.payload),
          ),
        );
      for (const spec of eventSpecs(triggers)) watches.push({ fn, spec });
    }
    this.watches = watches;
    if (watches.length > 0 && !this.unwatch)
      this.unwatch = await this.deps.watchChanges((changes) => this.onChanges(changes));
    if (watches.length === 0 && this.unwatch) {
      this.unwatch();
      this.unwatch = undefined;
    }
  }

  /** One tick of a schedule at `now` (croner calls it; tests call it to tick without waiting). */
  async tick(
    fn: Selectable<FunctionRow>,
    index: number,
    expression: string,
    payload: unknown,
    now = Date.now(),
  ): Promise<void> {
    const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
    const lease = `functions:cron:${fn.id}:${index}`;
    try {
      await this.deps.leases.runIfHeld(lease, 50_000, async () => {
        const current = await this.deps.store.get(fn.id);
        if (!current || Number(current.enabled) !== 1) return;
        await this.deps.runner.invoke(current, payload, {
          trigger: 'cron',
          triggerKey: `cron:${fn.id}:${index}:${minute}`,
          user: null,
          details: { schedule: expression, scheduled_at: minute },
        });
      });
    } catch (error) {
      this.deps.log.error({ err: error, function: fn.name }, 'functions: a scheduled run failed');
    }
  }

  private async onChanges(changes: ChangeRecord[]): Promise<void> {
    for (const change of changes) {
      const matching = this.watches.filter(
        (w) => (w.spec.table === '*' || w.spec.table === change.table) && w.spec.operations.has(change.kind),
      );
      if (matching.length === 0) continue;
      const details = await this.describe(change);
      for (const w of matching) void this.runOnChange(w.fn, change, details);
    }
  }

  private async describe(change: ChangeRecord): Promise<Record<string, unknown>> {
    const meta = await this.deps.rows.tableIfAny(change.table);
    const prepared = meta ? prepareChange(this.deps.engine, meta, change) : undefined;
    return {
      table: change.table,
      operation: change.kind,
      record: prepared?.row ?? change.newRow ?? change.oldRow,
      old_record: change.kind === 'INSERT' ? null : (prepared?.old ?? change.oldRow),
      change_id: change.id,
      committed_at: change.committedAt,
    };
  }

  private async runOnChange(fn: Selectable<FunctionRow>, change: ChangeRecord, details: Record<string, unknown>) {
    try {
      const payload = {
        type: change.kind,
        table: change.table,
        record: details.record,
        old_record: details.old_record,
      };
      await this.deps.runner.invoke(fn, payload, {
        trigger: 'event',
        triggerKey: `event:${fn.id}:${change.id}`,
        user: null,
        details,
      });
    } catch (error) {
      this.deps.log.error({ err: error, function: fn.name }, 'functions: an event run failed');
    }
  }

  /** Stops schedules and the change watch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const job of this.jobs) job.stop();
    this.jobs = [];
    this.unwatch?.();
    await this.reloading;
  }
}
