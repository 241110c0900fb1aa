/**
 * Where backups, snapshots and the change log live: the directories the setup wizard chose
 * (`snapshot_dir` for archives and snapshots, `wal_dir` for the point-in-time change log),
 * or directories under the server's data directory before setup has chosen any.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../../config';
import type { SettingsStore } from '../../settings/settings-store';
import { readStoragePaths } from '../setup/store';

/** The directories of the backup module. */
export interface BackupDirs {
  /** Backup archives, `<id>.tar.gz`. */
  backups: string;
  /** Snapshot copies. */
  snapshots: string;
  /** Scratch space of running jobs (same file system as the archives, so renames are atomic). */
  work: string;
  /** The change log kept for point-in-time recovery. */
  wal: string;
}

/** The directories now in force, created if missing. */
export async function backupDirs(config: ServerConfig, settings: SettingsStore): Promise<BackupDirs> {
  const chosen = await readStoragePaths(settings);
  const root = chosen?.snapshot_dir ?? join(config.dataDir, 'snapshots');
  const dirs: BackupDirs = {
    backups: join(root, 'backups'),
    snapshots: join(root, 'snapshots'),
    work: join(root, '.work'),
    wal: chosen?.wal_dir ?? join(config.dataDir, 'wal'),
  };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  return dirs;
}

/** The archive file of a backup. */
export function archivePath(dirs: BackupDirs, backupId: string): string {
  return join(dirs.backups, `${backupId}.tar.gz`);
}
