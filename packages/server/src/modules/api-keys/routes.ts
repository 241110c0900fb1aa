import { isPrivileged } from '../../data/caller';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { pageOf, totalHeader } from '../../http/paging';
import { apiKeyPermissions, toPublicApiKey } from './store';

const PRIVILEGED_PERMISSIONS = ['admin', 'service'];

/** API keys: created with a secret shown once, listed, revoked; used through the `apikey` header. */
export const apiKeyHandlers: ModuleHandlers<'api-keys'> = {
  getApiKeys: async ({ query, caller, services }) => {
    const rows = await services.apiKeys.listOf(caller.userId);
    return { status: 200, body: pageOf(rows, query).map(toPublicApiKey), headers: totalHeader(rows.length) };
  },
  createApiKey: async ({ body, caller, services }) => {
    const permissions = body.permissions ?? ['read'];
    if (permissions.some((p) => PRIVILEGED_PERMISSIONS.includes(p)) && !isPrivileged(caller)) {
      throw errors.forbidden('Only an admin may grant the admin or service permission.');
    }
    const { row, secret } = await services.apiKeys.create(caller.userId, body.name, permissions, body.expires_in_days);
    return { status: 201, body: { key: toPublicApiKey(row), secret } };
  },
  revokeApiKey: async ({ params, caller, services }) => {
    if (!(await services.apiKeys.delete(params.keyId, caller.userId))) throw errors.notFound('API key');
    return { status: 204 };
  },
  getAvailablePermissions: async () => ({ status: 200, body: apiKeyPermissions.map((p) => ({ ...p })) }),
};
