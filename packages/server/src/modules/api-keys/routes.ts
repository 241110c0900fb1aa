/** The API-key handlers: HTTP in, one `ApiKeysService` call, HTTP out. */
import type { ModuleHandlers } from '../../http/handler-types';
import { pageOf, totalHeader } from '../../http/paging';

/** API keys: created with a secret shown once, listed, revoked; used through the `apikey` header. */
export const apiKeyHandlers: ModuleHandlers<'api-keys'> = {
  getApiKeys: async ({ query, caller, services }) => {
    const keys = await services.apiKeys.list(caller.userId);
    return { status: 200, body: pageOf(keys, query), headers: totalHeader(keys.length) };
  },
  createApiKey: async ({ body, caller, services }) => ({
    status: 201,
    body: await services.apiKeys.create(caller, body),
  }),
  revokeApiKey: async ({ params, caller, services }) => {
    await services.apiKeys.revoke(params.keyId, caller.userId);
    return { status: 204 };
  },
  getAvailablePermissions: async ({ services }) => ({ status: 200, body: services.apiKeys.permissions() }),
};
