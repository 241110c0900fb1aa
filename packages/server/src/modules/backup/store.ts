/**
 * The backup registry and the jobs, in `ls_backups` and `ls_backup_jobs`: shared by every
 * instance, so a job started on one is polled on another, and kept apart from what a
 * restore replaces.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { RecordTable } from '../../db/record-table';
import type { BackupJobTable, BackupTable, Tables } from '../../db/tables';

/** A backup row. */
export type BackupRow = Selectable<BackupTable>;
/** A job row. */
export type JobRow = Selectable<BackupJobTable>;

/**
 * A new job of `kind` for `backupId`: pending, manual, not yet started on anything, stamped
 * now; `fields` sets what a kind records differently (its trigger, `validate_only`, detail).
 */
export function pendingJob(kind: JobRow['kind'], backupId: string, fields: Partial<JobRow> = {}): JobRow {
  return {
    id: randomUUID(),
    kind,
    backup_id: backupId,
    trigger: 'manual',
    status: 'pending',
    progress: 0,
    validate_only: 0,
    error: null,
    validation_errors: null,
    size_bytes: null,
    started_at: new Date().toISOString(),
    completed_at: null,
    detail: null,
    ...fields,
  };
}

/** Queries on the backup tables. */
export class BackupStore {
  /** The backup registry, `ls_backups`. */
  readonly backups: RecordTable<'ls_backups'>;

  constructor(private readonly db: Kysely<Tables>) {
    this.backups = new RecordTable(db, 'ls_backups');
  }

  async insertJob(row: JobRow): Promise<void> {
    await this.db.insertInto('ls_backup_jobs').values(row).execute();
  }

  async updateJob(id: string, changes: Partial<JobRow>): Promise<void> {
    await this.db.updateTable('ls_backup_jobs').set(changes).where('id', '=', id).execute();
  }

  job(id: string, kind: JobRow['kind']): Promise<JobRow | undefined> {
    return this.db
      .selectFrom('ls_backup_jobs')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', kind)
      .executeTakeFirst();
  }

  /** A job of either kind still pending or running. */
  activeJob(): Promise<JobRow | undefined> {
    return this.db.selectFrom('ls_backup_jobs').selectAll().where('completed_at', 'is', null).executeTakeFirst();
  }

  /** Finished backup jobs, newest first, started at or after `since`. */
  history(since: string | undefined, limit: number, offset: number): Promise<JobRow[]> {
    let query = this.db
      .selectFrom('ls_backup_jobs')
      .selectAll()
      .where('kind', '=', 'backup')
      .where('completed_at', 'is not', null);
    if (since) query = query.where('started_at', '>=', since);
    return query.orderBy('started_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  }

  async countHistory(since: string | undefined): Promise<number> {
    let query = this.db
      .selectFrom('ls_backup_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'backup')
      .where('completed_at', 'is not', null);
    if (since) query = query.where('started_at', '>=', since);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async failedBackupsSince(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('ls_backup_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'backup')
      .where('status', '=', 'failed')
      .where('started_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks jobs left unfinished by an instance that stopped (at start-up, before the schedule runs). */
  async failAbandonedJobs(before: string, at: string): Promise<void> {
    await this.db
      .updateTable('ls_backup_jobs')
      .set({ status: 'failed', error: 'The server stopped while the job ran.', completed_at: at })
      .where('completed_at', 'is', null)
      .where('started_at', '<', before)
      .execute();
  }

  /** Deletes jobs finished before `before` (jobs are kept seven days). */
  async pruneJobs(before: string): Promise<void> {
    await this.db.deleteFrom('ls_backup_jobs').where('completed_at', '<', before).execute();
  }
}
