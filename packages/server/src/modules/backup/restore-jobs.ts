/**
 * Restore jobs: validate the archive while extracting it into scratch space (status
 * `validating`), stop there for `validate_only` or when it fails, else pause writes, stage
 * the objects, replace the database in one transaction, commit the objects (`restoring`),
 * and resume writes. A failure at any step before the commit leaves the data as it was.
 * With a target path (SQLite), the backup is restored into a new database file instead.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Database } from '../../db/database';
import { openDatabase } from '../../db/database';
import { errors } from '../../http/http-error';
import type { Logger } from '../../log';
import type { StorageBackend } from '../../storage/backend';
import { assertIdle } from './backup-jobs';
import { progressReporter } from './job-progress';
import type { ArchiveManifest } from './manifest';
import { archivePath, type BackupDirs } from './paths';
import { restoreDatabase } from './restore-database';
import { StagedObjects } from './restore-objects';
import { type BackupStore, type JobRow, pendingJob } from './store';
import { verifyArchive } from './verify-archive';
import type { WritePause } from './write-pause';

/** What a restore needs. */
export interface RestoreDeps {
  database: Database;
  store: BackupStore;
  backend: () => StorageBackend;
  dirs: () => Promise<BackupDirs>;
  pause: WritePause;
  log: Logger;
  /** Called after the data changed (caches of table shapes). */
  restored: () => void;
  /** The buckets the metadata names now (their objects may have to go). */
  bucketNames: () => Promise<string[]>;
  /** The server's data directory (SQLite restores into a side file under it). */
  dataDir: string;
}

/** Restores into a new SQLite file at `target` (under the data directory), leaving the live data alone. */
async function restoreIntoFile(deps: RestoreDeps, dir: string, manifest: ArchiveManifest, target: string) {
  const root = resolve(deps.dataDir);
  const file = resolve(root, target);
  if (!file.startsWith(root + sep)) throw new Error('target_path leaves the data directory.');
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${target} exists already.`);
  const side = join(dir, '.side-database');
  const database = await openDatabase({ dataDir: side });
  try {
    await restoreDatabase(database, dir, manifest, () => undefined);
  } finally {
    await database.close();
  }
  await mkdir(dirname(file), { recursive: true });
  await rename(join(side, 'lockstep.db'), file);
}

async function replaceData(deps: RestoreDeps, job: JobRow, dir: string, manifest: ArchiveManifest): Promise<void> {
  const progress = progressReporter(deps.store, job.id);
  const staged = new StagedObjects(deps.backend());
  try {
    const present = new Set(manifest.files.map((f) => f.path));
    if (!manifest.include_tables) await staged.stageFrom(dir, present);
    progress(40);
    await deps.pause.during(async () => {
      const bucketsBefore = await deps.bucketNames();
      await restoreDatabase(deps.database, dir, manifest, (f) => progress(40 + f * 50));
      deps.restored();
      if (!manifest.include_tables) await staged.commit(bucketsBefore);
    });
  } finally {
    await staged.discard();
  }
}

async function finish(store: BackupStore, id: string, changes: Partial<JobRow>): Promise<void> {
  await store.updateJob(id, { progress: 100, completed_at: new Date().toISOString(), ...changes });
}

async function run(deps: RestoreDeps, job: JobRow, targetPath?: string): Promise<void> {
  const dirs = await deps.dirs();
  const scratch = join(dirs.work, job.id);
  try {
    await mkdir(scratch, { recursive: true });
    await deps.store.updateJob(job.id, { status: 'validating' });
    const check = await verifyArchive(archivePath(dirs, job.backup_id), scratch);
    if (check.errors.length > 0 || !check.manifest) {
      const validation_errors = JSON.stringify(check.errors);
      await finish(deps.store, job.id, {
        status: 'failed',
        error: 'The backup did not pass validation.',
        validation_errors,
      });
      return;
    }
    await deps.store.updateJob(job.id, { validation_errors: '[]', progress: 30 });
    if (job.validate_only) return finish(deps.store, job.id, { status: 'completed' });
    await deps.store.updateJob(job.id, { status: 'restoring' });
    if (targetPath) await restoreIntoFile(deps, scratch, check.manifest, targetPath);
    else await replaceData(deps, job, scratch, check.manifest);
    await finish(deps.store, job.id, { status: 'completed' });
  } catch (error) {
    deps.log.error({ err: error, job: job.id }, 'restore failed');
    await finish(deps.store, job.id, { status: 'failed', error: (error as Error).message ?? String(error) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Starts restoring `backupId`; answers the job at once and, in `done`, the run. */
export async function startRestore(
  deps: RestoreDeps,
  backupId: string,
  validateOnly: boolean,
  targetPath?: string,
): Promise<{ job: JobRow; done: Promise<void> }> {
  const backup = await deps.store.backups.get(backupId);
  if (!backup) throw errors.notFound('Backup');
  if (backup.status !== 'completed') throw errors.conflict(`The backup is ${backup.status}, not completed.`);
  await assertIdle(deps.store);
  const job = pendingJob('restore', backupId, { validate_only: validateOnly ? 1 : 0 });
  await deps.store.insertJob(job);
  return { job, done: run(deps, job, targetPath) };
}
