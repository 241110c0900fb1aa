/**
 * The scheduled backup: its settings in `ls_backup_schedule`, its next run from the cron
 * expression (croner, UTC), and the tick every instance runs; the instance that holds the
 * `backup-schedule` lease runs a due backup, so it runs once across instances. After a
 * scheduled run (and a run-now), retention by age and count is applied.
 */

import type { components } from '@lockstep/contract';
import { Cron } from 'croner';
import type { Kysely, Selectable } from 'kysely';
import type { BackupScheduleTable, Tables } from '../../db/tables';
import { errors } from '../../http/http-error';

/** The schedule as the API shows it. */
export type BackupSchedule = components['schemas']['BackupSchedule'];
/** A change of the schedule. */
export type ScheduleUpdate = components['schemas']['BackupScheduleUpdate'];
type Row = Selectable<BackupScheduleTable>;

/** The lease that makes a due backup run on one instance. */
export const SCHEDULE_LEASE = 'backup-schedule';

const DEFAULTS = {
  enabled: 0,
  cron_expression: '0 2 * * *',
  retention_days: 7,
  retention_count: null,
  compression: 'gzip',
  incremental: 0,
} as const;

/** The first run of `expression` after `after`, or undefined when it never runs again. */
export function nextRun(expression: string, after: Date): Date | undefined {
  return new Cron(expression, { timezone: 'UTC', paused: true }).nextRun(after) ?? undefined;
}

/** Throws 400 VALIDATION_FAILED unless `expression` is a cron expression croner reads. */
export function checkCron(expression: string): void {
  try {
    new Cron(expression, { timezone: 'UTC', paused: true });
  } catch (error) {
    throw errors.validation([{ field: 'body.cron_expression', message: (error as Error).message }]);
  }
}

function toSchedule(row: Row): BackupSchedule {
  const out: BackupSchedule = {
    enabled: row.enabled === 1,
    cron_expression: row.cron_expression,
    retention_days: row.retention_days,
    compression: row.compression,
    incremental: row.incremental === 1,
  };
  if (row.retention_count !== null) out.retention_count = row.retention_count;
  if (row.last_run_at) out.last_run_at = row.last_run_at;
  const next = row.enabled ? nextRun(row.cron_expression, new Date(row.anchor_at)) : undefined;
  if (next) out.next_run_at = next.toISOString();
  return out;
}

/** Reads and changes the schedule row. */
export class ScheduleStore {
  constructor(private readonly db: Kysely<Tables>) {}

  private async row(): Promise<Row> {
    await this.db
      .insertInto('ls_backup_schedule')
      .values({ id: 1, ...DEFAULTS, last_run_at: null, anchor_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return this.db.selectFrom('ls_backup_schedule').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  async get(): Promise<BackupSchedule> {
    return toSchedule(await this.row());
  }

  async update(changes: ScheduleUpdate): Promise<BackupSchedule> {
    if (changes.cron_expression !== undefined) checkCron(changes.cron_expression);
    if (changes.incremental === true)
      throw errors.conflict('Incremental backups are not available: scheduled backups are full (incremental: false).');
    await this.row();
    const set: Partial<Row> = { anchor_at: new Date().toISOString() };
    if (changes.enabled !== undefined) set.enabled = changes.enabled ? 1 : 0;
    if (changes.cron_expression !== undefined) set.cron_expression = changes.cron_expression;
    if (changes.retention_days !== undefined) set.retention_days = changes.retention_days;
    if (changes.retention_count !== undefined) set.retention_count = changes.retention_count;
    if (changes.compression !== undefined) set.compression = changes.compression;
    if (changes.incremental !== undefined) set.incremental = changes.incremental ? 1 : 0;
    await this.db.updateTable('ls_backup_schedule').set(set).where('id', '=', 1).execute();
    return this.get();
  }

  /** Whether a run is due at `now`. */
  async due(now: Date): Promise<boolean> {
    const row = await this.row();
    if (!row.enabled) return false;
    const next = nextRun(row.cron_expression, new Date(row.anchor_at));
    return next !== undefined && next <= now;
  }

  /** Records a run starting now; answers false when another instance recorded it first. */
  async claimRun(now: Date): Promise<boolean> {
    const row = await this.row();
    const result = await this.db
      .updateTable('ls_backup_schedule')
      .set({ last_run_at: now.toISOString(), anchor_at: now.toISOString() })
      .where('id', '=', 1)
      .where('anchor_at', '=', row.anchor_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records a run started by hand (run-now), without moving the cron anchor. */
  async recordManualRun(now: Date): Promise<void> {
    await this.row();
    await this.db
      .updateTable('ls_backup_schedule')
      .set({ last_run_at: now.toISOString() })
      .where('id', '=', 1)
      .execute();
  }
}
