/**
 * Point-in-time recovery's rules: the window (bases and log, `pitr-window.ts`), keeping the
 * log for it (the `hold:pitr` mark that the log's pruning respects, and the copy under
 * `wal_dir`), and starting a restore job to an instant: the latest usable snapshot or backup
 * read at or before it (its user tables only), then the log's changes up to it
 * (`pitr-job.ts`). Off when the retention is 0.
 */
import { join } from 'node:path';
import { changeLogMark, setChangeLogMark } from '../../data/change-log';
import type { Database } from '../../db/database';
import { errors, HttpError } from '../../http/http-error';
import type { Logger } from '../../log';
import { assertIdle } from '../backup/backup-jobs';
import type { ArchiveManifest } from '../backup/manifest';
import { archivePath } from '../backup/paths';
import type { BackupService } from '../backup/service';
import { type BackupRow, type JobRow, pendingJob } from '../backup/store';
import { type PitrDetail, runPitrJob } from './pitr-job';
import type { ReplayScope } from './pitr-log';
import { type BaseCandidate, baseFor, holdFrom, type PitrBase, pitrWindow, usableBases } from './pitr-window';
import type { SnapshotRow, SnapshotStore } from './store';
import { exportSegment, pruneSegments } from './wal-segments';

/** The mark that keeps the change log from being pruned past the window's base. */
export const PITR_HOLD = 'hold:pitr';

function snapshotCandidate(row: SnapshotRow): BaseCandidate {
  return {
    kind: 'snapshot',
    id: row.id,
    status: row.status,
    timestamp: row.timestamp,
    walPosition: Number(row.wal_position),
    logFrom: row.log_from ?? null,
    logSnapshot: row.log_snapshot ?? null,
    tables: JSON.parse(row.collections) as string[],
  };
}

/** A completed backup taken here is a base too (an uploaded one's log positions are another database's). */
function backupCandidate(row: BackupRow): BaseCandidate {
  const manifest = JSON.parse(row.manifest) as Partial<ArchiveManifest>;
  const local = row.origin !== 'upload';
  return {
    kind: 'backup',
    id: row.id,
    status: row.status === 'completed' ? 'ready' : row.status,
    timestamp: manifest.timestamp ?? row.created_at,
    walPosition: Number(manifest.wal_position ?? 0),
    logFrom: local ? (manifest.log_from ?? null) : null,
    logSnapshot: local ? (manifest.log_snapshot ?? null) : null,
    tables: manifest.include_tables ?? manifest.tables ?? [],
  };
}

function targetError(message: string): HttpError {
  return errors.validation([{ field: 'body.target_time', message }]);
}

/** Point-in-time recovery of one server. */
export class PitrService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly database: Database,
    private readonly backup: BackupService,
    private readonly snapshots: SnapshotStore,
    private readonly log: Logger,
    /** Hours of history kept restorable; 0 turns point-in-time recovery off. */
    readonly retentionHours: number,
  ) {}

  private enabled(): void {
    if (this.retentionHours <= 0)
      throw errors.unsupportedDeployment(
        'Point-in-time recovery needs the change log to be retained (wal_retention_hours > 0).',
      );
  }

  /** The usable bases, oldest first; `finishing` counts as ready (a snapshot about to be). */
  async bases(finishing?: string): Promise<PitrBase[]> {
    const marks = {
      restored: await changeLogMark(this.database, 'restored'),
      pruned: await changeLogMark(this.database, 'pruned'),
    };
    const rows = [
      ...(await this.snapshots.all()).map(snapshotCandidate),
      ...(await this.backup.store.backups.list()).map(backupCandidate),
    ];
    return usableBases(
      rows.map((c) => (c.id === finishing ? { ...c, status: 'ready' } : c)),
      marks,
    );
  }

  /** Moves the log's hold to the base the retention needs, and mirrors the log's pruning in `wal_dir`. */
  async keepLog(finishing?: string): Promise<void> {
    if (this.retentionHours <= 0) return setChangeLogMark(this.database, PITR_HOLD, undefined);
    const hold = holdFrom(await this.bases(finishing), new Date(), this.retentionHours);
    await setChangeLogMark(this.database, PITR_HOLD, hold);
    await pruneSegments(this.database, (await this.backup.dirs()).wal);
  }

  /** After a backup, or before snapshot `id` is shown ready: hold the log for it and copy the log to `wal_dir`. */
  async baseTaken(id?: string): Promise<void> {
    if (this.retentionHours <= 0) return;
    await this.keepLog(id);
    await exportSegment(this.database, (await this.backup.dirs()).wal);
  }

  /** The window restorable now; 409 when PITR is off or no snapshot starts a window. */
  async range(): Promise<{ oldest_available: string; latest_available: string; wal_retention_hours: number }> {
    this.enabled();
    await this.keepLog();
    const window = pitrWindow(await this.bases(), new Date().toISOString());
    if (!window)
      throw errors.unsupportedDeployment(
        'No snapshot taken on this database since its last restore is covered by the change log: take a snapshot to start the point-in-time window.',
      );
    return {
      oldest_available: window.oldest,
      latest_available: window.latest,
      wal_retention_hours: this.retentionHours,
    };
  }

  private async scopeFor(target: string, collections: string[] | undefined) {
    const at = new Date(target);
    if (Number.isNaN(at.getTime())) throw targetError('must be an RFC 3339 date-time');
    const iso = at.toISOString();
    const { oldest_available, latest_available } = await this.range();
    if (iso < oldest_available || iso > latest_available)
      throw targetError(`must be within the recovery window, ${oldest_available} to ${latest_available}`);
    const base = baseFor(await this.bases(), iso) as PitrBase;
    const unknown = (collections ?? []).filter((t) => !base.tables.includes(t));
    if (unknown.length > 0)
      throw new HttpError(400, 'INVALID_QUERY', `Not in the base snapshot ${base.id}: ${unknown.join(', ')}.`);
    const scope: ReplayScope = { base: base.log, target: iso, tables: collections ?? base.tables };
    return { base, scope };
  }

  /** Starts a restore to `target`; answers the job. */
  async start(target: string, collections: string[] | undefined, validateOnly: boolean): Promise<JobRow> {
    const { base, scope } = await this.scopeFor(target, collections);
    await assertIdle(this.backup.store);
    const detail: PitrDetail = {
      target_time: scope.target,
      tables: scope.tables,
      current_wal_position: base.walPosition,
      target_wal_position: base.walPosition,
    };
    const job = pendingJob('pitr', base.id, {
      validate_only: validateOnly ? 1 : 0,
      size_bytes: 0,
      detail: JSON.stringify(detail),
    });
    await this.backup.store.insertJob(job);
    const dirs = await this.backup.dirs();
    const done = runPitrJob(
      {
        database: this.database,
        store: this.backup.store,
        pause: this.backup.pause,
        log: this.log,
        archive: base.kind === 'snapshot' ? join(dirs.snapshots, `${base.id}.tar.gz`) : archivePath(dirs, base.id),
        work: dirs.work,
        wal: dirs.wal,
        restored: () => this.backup.restored(),
      },
      job,
      scope,
      collections === undefined,
    );
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return job;
  }

  /** A PITR job, or 404. */
  async job(id: string): Promise<{ row: JobRow; detail: PitrDetail }> {
    const row = await this.backup.store.job(id, 'pitr');
    if (!row) throw errors.notFound('Point-in-time recovery job');
    return { row, detail: JSON.parse(row.detail ?? '{}') as PitrDetail };
  }

  /** Waits for running jobs (tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
