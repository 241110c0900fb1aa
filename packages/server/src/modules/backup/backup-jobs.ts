/**
 * Backup jobs: one at a time across the deployment (a pending or running backup or restore
 * job answers 409), recorded in the registry from the start, run in the background with
 * progress, and marked completed or failed with the reason.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { ServerEvents } from '../../data/server-events';
import { listTables } from '../../db/catalogue';
import type { Database } from '../../db/database';
import { errors, HttpError } from '../../http/http-error';
import type { Logger } from '../../log';
import type { StorageBackend } from '../../storage/backend';
import { progressReporter } from './job-progress';
import { type ArchiveManifest, pendingManifest } from './manifest';
import { archivePath, type BackupDirs } from './paths';
import { type BackupStore, type JobRow, pendingJob } from './store';
import { writeBackup } from './write-backup';

/** What a backup run is asked for. */
export interface BackupOptions {
  name?: string;
  compression?: ArchiveManifest['compression'];
  incremental?: boolean;
  include_tables?: string[];
}

/** What the jobs need. */
export interface JobDeps {
  database: Database;
  store: BackupStore;
  backend: () => StorageBackend;
  dirs: () => Promise<BackupDirs>;
  log: Logger;
  /** Where `backup.completed` and `backup.failed` are told. */
  events?: ServerEvents;
}

function defaultName(at: string): string {
  return `backup-${at.replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
}

/** Refuses to start while another backup or restore job runs anywhere. */
export async function assertIdle(store: BackupStore): Promise<void> {
  const active = await store.activeJob();
  if (active) throw errors.conflict(`A ${active.kind} job is already running (${active.id}).`);
}

async function checkTables(database: Database, tables: string[] | undefined): Promise<void> {
  if (!tables) return;
  const known = new Set(await listTables(database));
  const unknown = tables.filter((t) => !known.has(t));
  if (unknown.length > 0) throw new HttpError(400, 'INVALID_QUERY', `Unknown table(s): ${unknown.join(', ')}.`);
}

async function run(deps: JobDeps, job: JobRow, name: string, options: BackupOptions): Promise<void> {
  const { store } = deps;
  try {
    await store.updateJob(job.id, { status: 'running' });
    const { manifest, size } = await writeBackup(
      { database: deps.database, backend: deps.backend(), dirs: await deps.dirs() },
      { id: job.backup_id, name, compression: options.compression ?? 'gzip', includeTables: options.include_tables },
      progressReporter(store, job.id),
    );
    const at = new Date().toISOString();
    await store.backups.update(job.backup_id, {
      status: 'completed',
      completed_at: at,
      size_bytes: size,
      manifest: JSON.stringify(manifest),
      files: JSON.stringify(manifest.files.map((f) => f.path).concat('manifest.json')),
    });
    await store.updateJob(job.id, { status: 'completed', progress: 100, completed_at: at, size_bytes: size });
    await deps.events?.emit('backup.completed', { backup_id: job.backup_id, size_bytes: size, error: null });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error({ err: error, job: job.id }, 'backup failed');
    const at = new Date().toISOString();
    await store.backups.update(job.backup_id, { status: 'failed', error: message, completed_at: at });
    await store.updateJob(job.id, { status: 'failed', error: message, completed_at: at });
    await rm(archivePath(await deps.dirs(), job.backup_id), { force: true });
    await deps.events?.emit('backup.failed', { backup_id: job.backup_id, size_bytes: 0, error: message });
  }
}

/**
 * Records a backup and its job and starts it; answers the job at once and, in `done`, the
 * run (schedules wait for it).
 */
export async function startBackup(
  deps: JobDeps,
  options: BackupOptions,
  trigger: JobRow['trigger'],
): Promise<{ job: JobRow; done: Promise<void> }> {
  if (options.incremental)
    throw errors.conflict('Incremental backups are not available: take a full backup (incremental: false).');
  await checkTables(deps.database, options.include_tables);
  await assertIdle(deps.store);
  const at = new Date().toISOString();
  const backupId = randomUUID();
  const name = options.name ?? defaultName(at);
  await deps.store.backups.insert({
    id: backupId,
    name,
    status: 'running',
    origin: trigger,
    created_at: at,
    completed_at: null,
    size_bytes: 0,
    manifest: JSON.stringify(pendingManifest(at, options.compression ?? 'gzip')),
    files: '[]',
    error: null,
  });
  const job = pendingJob('backup', backupId, { trigger, started_at: at });
  await deps.store.insertJob(job);
  return { job, done: run(deps, job, name, options) };
}
