/** The `auth` services: this file only builds the services of the module's areas (users, sessions, passwords, rls) over their stores. */
import type { RlsStore } from '../../data/policy/store';
import type { ServerEvents } from '../../data/server-events';
import type { Database } from '../../db/database';
import type { Outbox } from '../../mail/outbox';
import type { SettingsStore } from '../../settings/settings-store';
import { PasswordsService } from './passwords/service';
import { OneTimeTokens } from './passwords/store';
import { RlsService } from './rls/service';
import { SessionsService } from './sessions/service';
import type { SessionsStore } from './sessions/store';
import { UsersService } from './users/service';
import type { UsersStore } from './users/store';

/** The services of the `auth` areas, as handlers reach them (`services.auth.users`, ...). */
export interface AuthServices {
  users: UsersService;
  sessions: SessionsService;
  passwords: PasswordsService;
  rls: RlsService;
}

/** What the `auth` areas are built on. */
export interface AuthDeps {
  database: Database;
  /** Built by the composition root, as `sessions` is. */
  users: UsersStore;
  /** Shared with `Credentials`, which trusts a token only while its session is live. */
  sessions: SessionsStore;
  /** Shared with the data core, which enforces the policies. */
  rls: RlsStore;
  settings: SettingsStore;
  outbox: Outbox;
  events: ServerEvents;
  jwtSecret: Uint8Array;
  publicUrl: string;
}

/** Builds the services of every `auth` area. */
export function createAuthServices(deps: AuthDeps): AuthServices {
  const { database, users, sessions, settings, events } = deps;
  const { db } = database;
  const accounts = new UsersService(users, settings, events);
  const oneTime = new OneTimeTokens(db);
  const passwords = new PasswordsService(users, sessions, oneTime, settings, deps.outbox, deps.publicUrl);
  return {
    users: accounts,
    sessions: new SessionsService({
      users,
      accounts,
      passwords,
      sessions,
      settings,
      events,
      jwtSecret: deps.jwtSecret,
    }),
    passwords,
    rls: new RlsService(database, deps.rls),
  };
}
