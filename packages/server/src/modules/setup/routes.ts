import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors, HttpError } from '../../http/http-error';
import type { Services } from '../../services';
import { defaultAuthSettings, readAuthSettings } from '../../settings/auth-settings';
import { hashPassword } from '../auth/passwords';
import { readSetupState, type SetupState, statusOf, updateSetupState } from './setup-state';

async function openState(services: Services): Promise<SetupState> {
  const state = await readSetupState(services.settings);
  if (state.completed) throw new HttpError(403, 'SETUP_ALREADY_COMPLETE', 'Setup is already complete.');
  return state;
}

/** `dir` inside the data directory; 400 naming `field` if it would escape it. */
function insideDataDir(dataDir: string, dir: string, field: string): string {
  const target = resolve(dataDir, dir);
  const rel = relative(dataDir, target);
  if (isAbsolute(dir) || dir.includes('\0') || rel.startsWith('..') || isAbsolute(rel)) {
    throw errors.validation([{ field: `body.${field}`, message: 'must be a path inside the data directory' }]);
  }
  return target;
}

function missingSteps(state: SetupState): string[] {
  return (['storage', 'auth', 'admin'] as const).filter((step) =>
    step === 'storage' ? !state.storage_configured : step === 'auth' ? !state.auth_configured : !state.admin_created,
  );
}

/** The first-run wizard: storage, auth settings, the first admin, then Ready. */
export const setupHandlers: ModuleHandlers<'setup'> = {
  getStatus: async ({ services }) => {
    const state = await readSetupState(services.settings);
    const { completed, ...flags } = state;
    return { status: 200, body: { status: statusOf(state), ...flags } };
  },
  configureStorage: async ({ body, services }) => {
    await openState(services);
    const dataDir = services.config.dataDir;
    const dirs = (['data_dir', 'wal_dir', 'snapshot_dir'] as const).map((field) =>
      insideDataDir(dataDir, body[field], field),
    );
    for (const dir of dirs) mkdirSync(dir, { recursive: true });
    await updateSetupState(services.settings, { storage_configured: true });
    const [data, wal, snapshot] = dirs.map((dir) => existsSync(dir));
    return {
      status: 200,
      body: { success: true, ...body, data_dir_exists: data, wal_dir_exists: wal, snapshot_dir_exists: snapshot },
    };
  },
  configureAuth: async ({ body, services }) => {
    await openState(services);
    const current = await readAuthSettings(services.settings);
    await services.settings.set('auth', {
      jwt_expiry_hours: body.jwt_expiry_hours,
      refresh_expiry_days: body.refresh_expiry_days,
      password_policy: {
        ...current.password_policy,
        min_length: body.password_min_length ?? defaultAuthSettings.password_policy.min_length,
        require_uppercase: body.require_uppercase ?? false,
        require_numbers: body.require_number ?? false,
        require_symbols: body.require_special ?? false,
      },
    });
    await updateSetupState(services.settings, { auth_configured: true });
    return {
      status: 200,
      body: { success: true, jwt_expiry_hours: body.jwt_expiry_hours, refresh_expiry_days: body.refresh_expiry_days },
    };
  },
  createAdmin: async ({ body, services }) => {
    await openState(services);
    if (body.password !== body.confirm_password) {
      throw errors.validation([{ field: 'body.confirm_password', message: 'must equal password' }]);
    }
    if ((await services.users.countAdmins()) > 0) throw errors.conflict('An admin account already exists.');
    await services.auth.checkPassword(body.password);
    if (await services.users.byEmail(body.email)) throw errors.conflict('An account with this email already exists.');
    const row = await services.users.create({
      email: body.email,
      passwordHash: await hashPassword(body.password),
      role: 'admin',
      emailVerified: true,
    });
    await updateSetupState(services.settings, { admin_created: true });
    return {
      status: 200,
      body: { success: true, email: row.email, message: 'The admin account is created; sign in with it.' },
    };
  },
  complete: async ({ services }) => {
    const state = await openState(services);
    const missing = missingSteps(state);
    if (missing.length > 0)
      throw new HttpError(409, 'SETUP_INCOMPLETE', `Finish these steps first: ${missing.join(', ')}.`);
    await updateSetupState(services.settings, { completed: true });
    return { status: 200, body: { success: true, status: 'Ready', message: 'Setup is complete.' } };
  },
};
