import type { SettingsStore } from '../../settings/settings-store';

/** Where the first-run wizard stands; kept in settings so every instance agrees. */
export interface SetupState {
  storage_configured: boolean;
  auth_configured: boolean;
  admin_created: boolean;
  completed: boolean;
}

const initial: SetupState = {
  storage_configured: false,
  auth_configured: false,
  admin_created: false,
  completed: false,
};

export function readSetupState(settings: SettingsStore): Promise<SetupState> {
  return settings.get('setup', initial);
}

export async function updateSetupState(settings: SettingsStore, changes: Partial<SetupState>): Promise<SetupState> {
  const next = { ...(await readSetupState(settings)), ...changes };
  await settings.set('setup', next);
  return next;
}

/** The status the dashboard routes on. */
export function statusOf(state: SetupState): 'Uninitialized' | 'InProgress' | 'Ready' {
  if (state.completed) return 'Ready';
  return state.storage_configured || state.auth_configured || state.admin_created ? 'InProgress' : 'Uninitialized';
}
