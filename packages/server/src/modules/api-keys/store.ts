/** The SQL of API keys (`ls_api_keys`), the permission catalogue and the public shape of a key. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { isoIn, nowIso } from '../../clock';
import type { Tables } from '../../db/tables';
import { randomToken, tokenHash } from '../auth/tokens';

type ApiKeyRow = Selectable<Tables['ls_api_keys']>;

/** Every permission a key may carry, with what it allows. */
export const apiKeyPermissions = [
  { name: 'read', description: 'Read-only requests (GET) as the key owner.' },
  { name: 'write', description: 'Requests that change data (POST, PUT, PATCH, DELETE) as the key owner.' },
  { name: 'admin', description: "Admin operations; only effective when the key's owner is an admin." },
  {
    name: 'service',
    description: "Service role: bypasses row-level security; only effective when the key's owner is an admin.",
  },
] as const;

/** The name of an API key permission. */
export type ApiKeyPermission = (typeof apiKeyPermissions)[number]['name'];

/** An API key as the API shows it: the prefix, never the secret or its hash. */
export function toPublicApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    key_prefix: row.key_prefix,
    permissions: JSON.parse(row.permissions) as ApiKeyPermission[],
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    expires_at: row.expires_at,
  };
}

/** API keys (`ls_api_keys`): `lsk_` secrets shown once and kept as SHA-256 hashes. */
export class ApiKeysStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Creates a key and returns it with its secret, which is never retrievable again. */
  async create(userId: string, name: string, permissions: string[], expiresInDays?: number) {
    const secret = randomToken('lsk_');
    const row: ApiKeyRow = {
      id: randomUUID(),
      user_id: userId,
      name,
      key_prefix: secret.slice(0, 8),
      key_hash: tokenHash(secret),
      permissions: JSON.stringify(permissions),
      created_at: nowIso(),
      last_used_at: null,
      expires_at: expiresInDays ? isoIn(expiresInDays * 86400) : null,
    };
    await this.db.insertInto('ls_api_keys').values(row).execute();
    return { row, secret };
  }

  /** The keys of `userId`, newest first. */
  listOf(userId: string): Promise<ApiKeyRow[]> {
    return this.db
      .selectFrom('ls_api_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  async delete(id: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('ls_api_keys')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The unexpired key with this secret, and its owner; records its use. */
  async authenticate(secret: string) {
    const row = await this.db
      .selectFrom('ls_api_keys')
      .innerJoin('ls_users', 'ls_users.id', 'ls_api_keys.user_id')
      .select([
        'ls_api_keys.id',
        'ls_api_keys.permissions',
        'ls_api_keys.expires_at',
        'ls_users.id as user_id',
        'ls_users.email',
        'ls_users.role',
      ])
      .where('ls_api_keys.key_hash', '=', tokenHash(secret))
      .executeTakeFirst();
    if (!row || (row.expires_at && row.expires_at <= nowIso())) return undefined;
    await this.db.updateTable('ls_api_keys').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
    return { ...row, permissions: JSON.parse(row.permissions) as string[] };
  }
}
