/** The first-run wizard's state and the directories it chose, kept in settings so every instance agrees. */
import type { SettingsStore } from '../../settings/settings-store';

/** Where the first-run wizard stands. */
export interface SetupState {
  storage_configured: boolean;
  auth_configured: boolean;
  admin_created: boolean;
  completed: boolean;
}

/** The directories of `POST /setup/storage`, resolved to absolute paths. */
export interface StoragePaths {
  /** The root of stored files on the local storage backend. */
  data_dir: string;
  /** Where the change log of point-in-time recovery is written. */
  wal_dir: string;
  /** Where snapshots and backups are written. */
  snapshot_dir: string;
}

const initial: SetupState = {
  storage_configured: false,
  auth_configured: false,
  admin_created: false,
  completed: false,
};

/** The wizard's state. */
export function readSetupState(settings: SettingsStore): Promise<SetupState> {
  return settings.get('setup', initial);
}

/** Records a step of the wizard. */
export async function updateSetupState(settings: SettingsStore, changes: Partial<SetupState>): Promise<SetupState> {
  const next = { ...(await readSetupState(settings)), ...changes };
  await settings.set('setup', next);
  return next;
}

/** The directories setup chose, or undefined before its storage step. */
export function readStoragePaths(settings: SettingsStore): Promise<StoragePaths | undefined> {
  return settings.get<StoragePaths | undefined>('storage_paths', undefined);
}

/** Keeps the directories setup chose. */
export function writeStoragePaths(settings: SettingsStore, paths: StoragePaths): Promise<void> {
  return settings.set('storage_paths', paths);
}

/** The status the dashboard routes on. */
export function statusOf(state: SetupState): 'Uninitialized' | 'InProgress' | 'Ready' {
  if (state.completed) return 'Ready';
  return state.storage_configured || state.auth_configured || state.admin_created ? 'InProgress' : 'Uninitialized';
}
