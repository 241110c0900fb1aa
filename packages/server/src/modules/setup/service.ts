/**
 * The rules of the first-run wizard: its steps run only while setup is open and only for
 * a caller the guard admits; storage directories are created and kept; the first admin is
 * created once (also from `lockstep admin create`, without HTTP).
 */
import type { components } from '@lockstep/contract';
import { errors, HttpError } from '../../http/http-error';
import type { HeaderReader } from '../../http/request-headers';
import { defaultAuthSettings, readAuthSettings } from '../../settings/auth-settings';
import type { SettingsStore } from '../../settings/settings-store';
import type { UsersService } from '../auth/users/service';
import { checkSetupCaller } from './guard';
import { prepareStoragePaths, type STORAGE_FIELDS } from './storage-paths';
import {
  readSetupState,
  type SetupState,
  type StoragePaths,
  statusOf,
  updateSetupState,
  writeStoragePaths,
} from './store';

/** Who is calling a step: the address the guard judges and the request's headers. */
export interface SetupCaller {
  clientIp: string;
  headers: HeaderReader;
}

/** The auth step's body, as the dashboard sends it. */
export type AuthStep = components['schemas']['SetupAuthConfig'];

/** What the storage step answers besides `success`. */
export type StorageStepResult = Record<(typeof STORAGE_FIELDS)[number], string> &
  Record<`${(typeof STORAGE_FIELDS)[number]}_exists`, boolean>;

/** The first-run wizard. */
export class SetupService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly users: UsersService,
    private readonly dataDir: string,
    /** The one-time token a remote caller must send; printed at start-up. */
    readonly setupToken: string,
    /** Called when setup chooses the directories, so the storage backend moves its root there. */
    private readonly onStoragePaths: (paths: StoragePaths) => Promise<void>,
  ) {}

  /** The wizard's status and flags. */
  async status() {
    const { completed, ...flags } = await readSetupState(this.settings);
    return { status: statusOf({ completed, ...flags }), ...flags };
  }

  /** Whether the wizard still has steps to run. */
  async isOpen(): Promise<boolean> {
    return !(await readSetupState(this.settings)).completed;
  }

  /** Creates and keeps the storage directories. */
  async configureStorage(
    caller: SetupCaller,
    body: Record<(typeof STORAGE_FIELDS)[number], string>,
  ): Promise<StorageStepResult> {
    await this.openStateFor(caller);
    const { paths, existed } = prepareStoragePaths(this.dataDir, body);
    await writeStoragePaths(this.settings, paths);
    await this.onStoragePaths(paths);
    await updateSetupState(this.settings, { storage_configured: true });
    return {
      ...body,
      data_dir_exists: existed.data_dir,
      wal_dir_exists: existed.wal_dir,
      snapshot_dir_exists: existed.snapshot_dir,
    };
  }

  /** Sets token lifetimes and the password policy; fields left out keep the defaults. */
  async configureAuth(caller: SetupCaller, step: AuthStep): Promise<void> {
    await this.openStateFor(caller);
    const current = await readAuthSettings(this.settings);
    await this.settings.set('auth', {
      jwt_expiry_hours: step.jwt_expiry_hours,
      refresh_expiry_days: step.refresh_expiry_days,
      password_policy: {
        ...current.password_policy,
        min_length: step.password_min_length ?? defaultAuthSettings.password_policy.min_length,
        require_uppercase: step.require_uppercase ?? false,
        require_numbers: step.require_number ?? false,
        require_symbols: step.require_special ?? false,
      },
    });
    await updateSetupState(this.settings, { auth_configured: true });
  }

  /** Creates the first admin through the wizard. */
  async createAdmin(caller: SetupCaller, email: string, password: string, confirm: string): Promise<string> {
    await this.openStateFor(caller);
    if (password !== confirm)
      throw errors.validation([{ field: 'body.confirm_password', message: 'must equal password' }]);
    return this.createFirstAdmin(email, password);
  }

  /** Creates the first admin (the wizard, or `lockstep admin create` on a headless install); 409 once one exists. */
  async createFirstAdmin(email: string, password: string): Promise<string> {
    if ((await this.users.countAdmins()) > 0) throw errors.conflict('An admin account already exists.');
    const row = await this.users.register({ email, password, role: 'admin', emailVerified: true });
    await updateSetupState(this.settings, { admin_created: true });
    return row.email;
  }

  /**
   * A headless install (`lockstep admin create`): the first admin, the other steps with
   * their defaults, and the wizard closed. 409 once an admin exists.
   */
  async completeHeadless(email: string, password: string): Promise<void> {
    if (!(await this.isOpen())) throw new HttpError(403, 'SETUP_ALREADY_COMPLETE', 'Setup is already complete.');
    await this.createFirstAdmin(email, password);
    await updateSetupState(this.settings, { storage_configured: true, auth_configured: true, completed: true });
  }

  /** Closes the wizard once every step is done. */
  async complete(caller: SetupCaller): Promise<void> {
    const state = await this.openStateFor(caller);
    const missing = missingSteps(state);
    if (missing.length > 0)
      throw new HttpError(409, 'SETUP_INCOMPLETE', `Finish these steps first: ${missing.join(', ')}.`);
    await updateSetupState(this.settings, { completed: true });
  }

  private async openStateFor(caller: SetupCaller): Promise<SetupState> {
    const state = await readSetupState(this.settings);
    if (state.completed) throw new HttpError(403, 'SETUP_ALREADY_COMPLETE', 'Setup is already complete.');
    checkSetupCaller(caller.clientIp, caller.headers, this.setupToken);
    return state;
  }
}

function missingSteps(state: SetupState): string[] {
  const done = { storage: state.storage_configured, auth: state.auth_configured, admin: state.admin_created };
  return Object.entries(done)
    .filter(([, isDone]) => !isDone)
    .map(([step]) => step);
}
