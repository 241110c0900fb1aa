/** The row-level-security handlers: HTTP in, one `RlsService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { pageOf, totalHeader } from '../../../http/paging';

type Ops = 'getRLSPolicies' | 'createRLSPolicy' | 'toggleRLSPolicy' | 'deleteRLSPolicy';

/** Row-level security policies: stored and validated by the service, enforced by the data paths. */
export const rlsHandlers: Pick<ModuleHandlers<'auth'>, Ops> = {
  getRLSPolicies: async ({ params, query, services }) => {
    const policies = await services.auth.rls.list(params.tableName);
    return { status: 200, body: pageOf(policies, query), headers: totalHeader(policies.length) };
  },
  createRLSPolicy: async ({ params, body, services }) => ({
    status: 201,
    body: await services.auth.rls.create(params.tableName, body),
  }),
  toggleRLSPolicy: async ({ params, body, services }) => ({
    status: 200,
    body: await services.auth.rls.update(params.tableName, params.policyId, body),
  }),
  deleteRLSPolicy: async ({ params, services }) => {
    await services.auth.rls.delete(params.tableName, params.policyId);
    return { status: 204 };
  },
};
