/** The SQL of users (`ls_users`) and the public shape of a user; no rules. */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { nowIso } from '../../../clock';
import type { Role } from '../../../data/caller';
import type { Tables } from '../../../db/tables';

/** A row of `ls_users`. */
export type UserRow = Selectable<Tables['ls_users']>;

/** A user as the API shows it (`AuthUser`): never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name?: string;
  role: Role;
  metadata: Record<string, unknown>;
  email_verified: boolean;
  created_at: string;
  updated_at: string;
  last_login: string | null;
}

/** The API shape of a stored user. */
export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    ...(row.name === null ? {} : { name: row.name }),
    role: row.role,
    metadata: JSON.parse(row.metadata),
    email_verified: row.email_verified === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_login: row.last_login,
  };
}

/** A user to store: the password already hashed. */
export interface NewUser {
  email: string;
  passwordHash: string;
  name?: string | null;
  role?: Role;
  metadata?: Record<string, unknown>;
  emailVerified?: boolean;
}

/** The columns a change may set; what is left out stays. */
export interface UserChanges {
  email?: string;
  name?: string | null;
  role?: Role;
  metadata?: Record<string, unknown>;
  email_verified?: boolean;
  password_hash?: string;
  last_login?: string;
}

/** A page of the user list, optionally filtered by email or name. */
export interface UserQuery {
  search?: string;
  limit: number;
  offset: number;
}

/** Emails are compared without regard to case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users in the `ls_users` table. */
export class UsersStore {
  /** `changed` is told after every write that can end a session or change what it grants (the session cache forgets). */
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly changed: () => Promise<void> = async () => {},
  ) {}

  async create(user: NewUser): Promise<UserRow> {
    const now = nowIso();
    const row: UserRow = {
      id: randomUUID(),
      email: normalizeEmail(user.email),
      password_hash: user.passwordHash,
      name: user.name ?? null,
      role: user.role ?? 'user',
      metadata: JSON.stringify(user.metadata ?? {}),
      email_verified: user.emailVerified ? 1 : 0,
      created_at: now,
      updated_at: now,
      last_login: null,
    };
    await this.db.insertInto('ls_users').values(row).execute();
    return row;
  }

  byId(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('ls_users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('ls_users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  }

  async update(id: string, changes: UserChanges): Promise<UserRow | undefined> {
    const { metadata, email_verified, email, ...rest } = changes;
    const values: Partial<UserRow> = { ...rest, updated_at: nowIso() };
    if (email !== undefined) values.email = normalizeEmail(email);
    if (metadata !== undefined) values.metadata = JSON.stringify(metadata);
    if (email_verified !== undefined) values.email_verified = email_verified ? 1 : 0;
    await this.db.updateTable('ls_users').set(values).where('id', '=', id).execute();
    await this.changed();
    return this.byId(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('ls_users').where('id', '=', id).executeTakeFirst();
    await this.changed();
    return Number(result.numDeletedRows) > 0;
  }

  async countAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('ls_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A page of users matching `search` in email or name, and how many match in all. */
  async list(query: UserQuery): Promise<{ rows: UserRow[]; total: number }> {
    let base = this.db.selectFrom('ls_users');
    if (query.search) {
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where(
        sql<boolean>`(lower(email) like ${pattern} escape '\\' or lower(coalesce(name, '')) like ${pattern} escape '\\')`,
      );
    }
    const rows = await base
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  }
}
