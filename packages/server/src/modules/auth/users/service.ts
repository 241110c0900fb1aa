/**
 * The rules of user accounts: an email belongs to one account, a password meets the policy
 * in force, the last admin keeps the role and is never deleted; changes are announced as
 * `auth.user.*` events.
 */
import type { ServerEvents } from '../../../data/server-events';
import { errors } from '../../../http/http-error';
import type { SettingsStore } from '../../../settings/settings-store';
import { hashPassword } from '../passwords/hashing';
import { checkPassword } from '../passwords/policy';
import {
  type NewUser,
  type PublicUser,
  toPublicUser,
  type UserChanges,
  type UserQuery,
  type UserRow,
  type UsersStore,
} from './store';

/** A new account as callers give it: a password, not its hash. */
export type NewAccount = Omit<NewUser, 'passwordHash'> & { password: string };

/** User accounts. */
export class UsersService {
  constructor(
    private readonly store: UsersStore,
    private readonly settings: SettingsStore,
    private readonly events: ServerEvents,
  ) {}

  /** A page of users matching `query.search`, and how many match in all. */
  async list(query: UserQuery): Promise<{ users: PublicUser[]; total: number }> {
    const { rows, total } = await this.store.list(query);
    return { users: rows.map(toPublicUser), total };
  }

  /** The user `id`; 404 when there is none. */
  async get(id: string): Promise<PublicUser> {
    return toPublicUser(await this.rowOf(id));
  }

  /** The signed-in caller's own account; 401 once it no longer exists. */
  async current(userId: string): Promise<PublicUser> {
    const row = await this.store.byId(userId);
    if (!row) throw errors.unauthenticated();
    return toPublicUser(row);
  }

  /** How many admins there are (setup creates the first one only while there is none). */
  countAdmins(): Promise<number> {
    return this.store.countAdmins();
  }

  /**
   * Stores a new account, announcing nothing (sign-up and setup call it): the password
   * satisfies the policy, the email is free; 400 or 409 otherwise.
   */
  async register(input: NewAccount): Promise<UserRow> {
    const { password, ...fields } = input;
    await checkPassword(this.settings, password);
    if (await this.store.byEmail(fields.email)) throw errors.conflict('An account with this email already exists.');
    return this.store.create({ ...fields, passwordHash: await hashPassword(password) });
  }

  /** Creates an account for an admin and announces `auth.user.created`. */
  async create(input: NewAccount): Promise<PublicUser> {
    const user = toPublicUser(await this.register(input));
    await this.events.emit('auth.user.created', user);
    return user;
  }

  /** Changes a user; the email stays unique and the last admin keeps the role. Announces `auth.user.updated`. */
  async update(id: string, changes: UserChanges): Promise<PublicUser> {
    const row = await this.rowOf(id);
    if (changes.email && changes.email.toLowerCase() !== row.email && (await this.store.byEmail(changes.email)))
      throw errors.conflict('An account with this email already exists.');
    if (row.role === 'admin' && changes.role && changes.role !== 'admin' && (await this.store.countAdmins()) === 1)
      throw errors.conflict('The last admin cannot lose the admin role.');
    const user = toPublicUser((await this.store.update(id, changes))!);
    await this.events.emit('auth.user.updated', user);
    return user;
  }

  /** Deletes a user, but never the last admin. Announces `auth.user.deleted`. */
  async delete(id: string): Promise<void> {
    const row = await this.rowOf(id);
    if (row.role === 'admin' && (await this.store.countAdmins()) === 1)
      throw errors.conflict('The last admin cannot be deleted.');
    await this.store.delete(id);
    await this.events.emit('auth.user.deleted', toPublicUser(row));
  }

  private async rowOf(id: string): Promise<UserRow> {
    const row = await this.store.byId(id);
    if (!row) throw errors.notFound('User');
    return row;
  }
}
