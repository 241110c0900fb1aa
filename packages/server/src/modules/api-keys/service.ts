/** The rules of API keys: only an admin grants admin or service, and a key is revoked by its owner. */
import { type Caller, isPrivileged } from '../../data/caller';
import { errors } from '../../http/http-error';
import { type ApiKeysStore, apiKeyPermissions, toPublicApiKey } from './store';

const PRIVILEGED_PERMISSIONS = ['admin', 'service'];

/** What creating a key needs. */
export interface NewApiKey {
  name: string;
  /** @default ['read'] */
  permissions?: string[];
  /** @default never expires */
  expires_in_days?: number;
}

/** API keys as a user manages them. */
export class ApiKeysService {
  constructor(private readonly store: ApiKeysStore) {}

  /** The keys of `userId`, newest first, as the API shows them. */
  async list(userId: string) {
    return (await this.store.listOf(userId)).map(toPublicApiKey);
  }

  /** Creates a key for `caller`; its secret is returned this once. */
  async create(caller: Caller & { userId: string }, body: NewApiKey) {
    const permissions = body.permissions ?? ['read'];
    if (permissions.some((p) => PRIVILEGED_PERMISSIONS.includes(p)) && !isPrivileged(caller))
      throw errors.forbidden('Only an admin may grant the admin or service permission.');
    const { row, secret } = await this.store.create(caller.userId, body.name, permissions, body.expires_in_days);
    return { key: toPublicApiKey(row), secret };
  }

  /** Revokes `keyId` of `userId`; 404 when that user has no such key. */
  async revoke(keyId: string, userId: string): Promise<void> {
    if (!(await this.store.delete(keyId, userId))) throw errors.notFound('API key');
  }

  /** Every permission a key may carry. */
  permissions() {
    return apiKeyPermissions.map((p) => ({ ...p }));
  }
}
