/**
 * The backup module's rules: backups and their jobs, restore, validation, download and
 * upload of archives, the schedule and retention (by age and count). Archives live under the backup
 * directory setup chose; the registry and the jobs live in the database, shared by every
 * instance.
 */

import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../../config';
import type { Leases } from '../../data/leases';
import type { ServerEvents } from '../../data/server-events';
import { listTables } from '../../db/catalogue';
import type { Database } from '../../db/database';
import type { Tables } from '../../db/tables';
import { errors } from '../../http/http-error';
import type { Logger } from '../../log';
import type { SettingsStore } from '../../settings/settings-store';
import type { StorageBackend } from '../../storage/backend';
import { type BackupOptions, type JobDeps, startBackup } from './backup-jobs';
import type { ArchiveManifest } from './manifest';
import { archivePath, type BackupDirs, backupDirs } from './paths';
import { type RestoreDeps, startRestore } from './restore-jobs';
import { retentionVictims } from './retention';
import { SCHEDULE_LEASE, ScheduleStore } from './schedule';
import { type BackupRow, BackupStore, type JobRow } from './store';
import { type Verification, verifyArchive } from './verify-archive';
import { WritePause } from './write-pause';

/** What the backup service is built from. */
export interface BackupServiceDeps {
  config: ServerConfig;
  database: Database;
  settings: SettingsStore;
  leases: Leases;
  log: Logger;
  backend: () => StorageBackend;
  /** Called after a restore changed the data. */
  restored: () => void;
  /** Where backup outcomes are told (the webhooks listen). */
  events?: ServerEvents;
}

const DAY_MS = 86_400_000;
const TICK_MS = 30_000;

/** Backups, restores, the schedule. */
export class BackupService {
  readonly store: BackupStore;
  readonly schedule: ScheduleStore;
  /** Paused while a restore replaces the data (`app.ts` answers 503 to writes). */
  readonly pause = new WritePause();
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: BackupServiceDeps) {
    this.store = new BackupStore(deps.database.db);
    this.schedule = new ScheduleStore(deps.database.db);
  }

  /** The directories in force (setup may change them while the server runs). */
  dirs(): Promise<BackupDirs> {
    return backupDirs(this.deps.config, this.deps.settings);
  }

  private track(done: Promise<void>): void {
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }

  private jobDeps(): JobDeps {
    const { database, log, backend, events } = this.deps;
    return { database, store: this.store, backend, dirs: () => this.dirs(), log, events };
  }

  private restoreDeps(): RestoreDeps {
    const db = this.deps.database.db as Kysely<Tables>;
    return {
      ...this.jobDeps(),
      pause: this.pause,
      restored: this.deps.restored,
      dataDir: this.deps.config.dataDir,
      bucketNames: async () => (await db.selectFrom('ls_storage_buckets').select('name').execute()).map((r) => r.name),
    };
  }

  /** Tells the caches that a restore changed the data. */
  restored(): void {
    this.deps.restored();
  }

  /** Called after every backup job ends (point-in-time recovery holds the log for a new base). */
  afterBackup: () => Promise<void> = async () => undefined;

  /** Starts a backup job. */
  async create(options: BackupOptions, trigger: JobRow['trigger'] = 'manual') {
    const started = await startBackup(this.jobDeps(), options, trigger);
    const done = started.done.then(() =>
      this.afterBackup().catch((error) => this.deps.log.error({ err: error }, 'after-backup hook failed')),
    );
    this.track(done);
    return { job: started.job, done };
  }

  /** Starts a restore job. */
  async restore(backupId: string, validateOnly: boolean, targetPath?: string) {
    if (targetPath !== undefined && this.deps.database.engine !== 'sqlite')
      throw errors.unsupportedDeployment('target_path is only supported on SQLite deployments.');
    const { job, done } = await startRestore(this.restoreDeps(), backupId, validateOnly, targetPath);
    this.track(done);
    return job;
  }

  /** A backup, or 404. */
  async backup(id: string): Promise<BackupRow> {
    const row = await this.store.backups.get(id);
    if (!row) throw errors.notFound('Backup');
    return row;
  }

  /** A completed backup's archive path, or 404 / 409. */
  async archiveOf(id: string): Promise<{ row: BackupRow; path: string; size: number }> {
    const row = await this.backup(id);
    if (row.status !== 'completed') throw errors.conflict(`The backup is ${row.status}, not completed.`);
    const path = archivePath(await this.dirs(), id);
    const size = await stat(path).then(
      (s) => s.size,
      () => {
        throw errors.conflict('The backup archive is missing from the backup directory.');
      },
    );
    return { row, path, size };
  }

  /** The archive's bytes, streamed. */
  async download(id: string) {
    const { path, size } = await this.archiveOf(id);
    return { stream: createReadStream(path), size };
  }

  /** Checks a backup without restoring it. */
  async validate(id: string): Promise<Verification> {
    const { path } = await this.archiveOf(id);
    const check = await verifyArchive(path);
    if (check.manifest) check.warnings.push(...(await this.warningsFor(check.manifest)));
    return check;
  }

  private async warningsFor(manifest: ArchiveManifest): Promise<string[]> {
    const warnings: string[] = [];
    if (manifest.engine !== this.deps.database.engine)
      warnings.push(
        `The backup was taken on ${manifest.engine}; it restores into ${this.deps.database.engine} through the portable format.`,
      );
    const live = new Set(await listTables(this.deps.database));
    for (const table of manifest.tables)
      if (!live.has(table)) warnings.push(`Table ${table} is in the backup but no longer in the database.`);
    return warnings;
  }

  /** Deletes a backup and its archive; 409 while a job uses it. */
  async delete(id: string): Promise<void> {
    const row = await this.backup(id);
    const active = await this.store.activeJob();
    if (row.status === 'running' || row.status === 'pending' || active?.backup_id === id)
      throw errors.conflict('The backup is being written or restored.');
    await rm(archivePath(await this.dirs(), id), { force: true });
    await this.store.backups.delete(id);
  }

  /** Statistics over the stored backups. */
  async stats() {
    const all = await this.store.backups.list();
    const completed = all.filter((b) => b.status === 'completed');
    const since = new Date(Date.now() - DAY_MS).toISOString();
    const out: Record<string, unknown> = {
      total_backups: all.length,
      total_size_bytes: all.reduce((sum, b) => sum + Number(b.size_bytes), 0),
      scheduled_backups_count: all.filter((b) => b.origin === 'scheduled').length,
      failed_backups_24h: await this.store.failedBackupsSince(since),
    };
    if (completed.length > 0) {
      out.last_backup_at = completed[0].created_at;
      out.oldest_backup_at = completed[completed.length - 1].created_at;
    }
    return out;
  }

  /**
   * Deletes the backups past the schedule's retention (older than `retention_days`, and
   * completed ones beyond the newest `retention_count`); a backup a running job uses is
   * kept. Answers what went.
   */
  async applyRetention(): Promise<{ deleted_count: number; freed_bytes: number }> {
    const { retention_days, retention_count } = await this.schedule.get();
    const before = new Date(Date.now() - retention_days * DAY_MS).toISOString();
    const all = await this.store.backups.list();
    const victims = new Set(retentionVictims(all, { before, count: retention_count ?? null }));
    const inUse = (await this.store.activeJob())?.backup_id;
    let deleted = 0;
    let freed = 0;
    for (const backup of all.filter((b) => victims.has(b.id) && b.id !== inUse)) {
      await rm(archivePath(await this.dirs(), backup.id), { force: true });
      await this.store.backups.delete(backup.id);
      deleted++;
      freed += Number(backup.size_bytes);
    }
    return { deleted_count: deleted, freed_bytes: freed };
  }

  private async runAndRetain(done: Promise<void>): Promise<void> {
    await done;
    await this.applyRetention();
  }

  /** Starts the schedule's backup now, recorded as scheduled; the retention is applied once it ends. */
  async runScheduleNow() {
    const schedule = await this.schedule.get();
    const { job, done } = await this.create({ compression: schedule.compression }, 'scheduled');
    await this.schedule.recordManualRun(new Date());
    this.track(
      this.runAndRetain(done).catch((error) => this.deps.log.error({ err: error }, 'backup retention failed')),
    );
    return job;
  }

  private async tick(): Promise<void> {
    const now = new Date();
    if (!(await this.schedule.due(now))) return;
    await this.deps.leases.runIfHeld(SCHEDULE_LEASE, 10 * 60_000, async () => {
      if (!(await this.schedule.claimRun(now))) return;
      const schedule = await this.schedule.get();
      const { done } = await this.create({ compression: schedule.compression }, 'scheduled');
      await this.runAndRetain(done);
    });
  }

  /**
   * Starts the schedule's tick; jobs older than seven days are pruned on the way, and jobs
   * unfinished for six hours (their instance stopped mid-job) are marked failed so they no
   * longer block new ones.
   */
  start(): void {
    const stale = new Date(Date.now() - 6 * 3600_000).toISOString();
    void this.store.failAbandonedJobs(stale, new Date().toISOString()).catch(() => undefined);
    this.timer = setInterval(() => {
      void this.tick().catch((error) => this.deps.log.error({ err: error }, 'backup schedule tick failed'));
      void this.store.pruneJobs(new Date(Date.now() - 7 * DAY_MS).toISOString()).catch(() => undefined);
    }, TICK_MS);
    this.timer.unref();
  }

  /** Stops the tick and waits for running jobs. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }
}
