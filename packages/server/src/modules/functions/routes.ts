/**
 * The functions tag's HTTP operations: each translates HTTP to a call of the functions
 * service and back (lists answer their total in `X-Total-Count`). The rules are in
 * `service.ts`, the sandbox in `sandbox/`.
 */
import type { SignedInCaller } from '../../data/caller';
import type { ModuleHandlers } from '../../http/handler-types';
import { templates } from './templates';

const total = (n: number) => ({ 'X-Total-Count': String(n) });

// Credentials of the caller never reach the function.
const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'apikey', 'x-api-key', 'proxy-authorization']);

function requestOf(request: Request): { method: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    if (!HIDDEN_HEADERS.has(key)) headers[key] = value;
  });
  return { method: request.method, headers };
}

function userOf(caller: SignedInCaller): { id: string; role: string } {
  return { id: caller.userId, role: caller.role };
}

/** The handlers of the `functions` tag. */
export const functionsHandlers: ModuleHandlers<'functions'> = {
  getFunctions: async ({ query, services }) => {
    const page = await services.functions.list(query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: page.rows, headers: total(page.total) };
  },
  createFunction: async ({ body, caller, services }) => ({
    status: 201,
    body: await services.functions.create(body, caller),
  }),
  getTemplates: async ({ query }) => {
    const offset = query.offset ?? 0;
    const page = templates.slice(offset, offset + (query.limit ?? 50));
    return { status: 200, body: [...page], headers: total(templates.length) };
  },
  createFromTemplate: async ({ body, caller, services }) => ({
    status: 201,
    body: await services.functions.createFromTemplate(body.template_id, body.name, caller),
  }),
  getFunction: async ({ params, services }) => ({
    status: 200,
    body: await services.functions.get(params.functionId),
  }),
  updateFunction: async ({ params, body, caller, services }) => ({
    status: 200,
    body: await services.functions.update(params.functionId, body, caller),
  }),
  deleteFunction: async ({ params, services }) => {
    await services.functions.delete(params.functionId);
    return { status: 204 };
  },
  invokeFunction: async ({ params, body, caller, request, services }) => {
    const fn = await services.functions.find(params.functionId);
    const invocation = await services.functions.invoke(fn, body ?? {}, {
      trigger: 'http',
      user: userOf(caller),
      request: requestOf(request),
    });
    return { status: 200, body: invocation };
  },
  getFunctionLogs: async ({ params, query, services }) => {
    const page = await services.functions.logs(params.functionId, {
      level: query.level,
      since: query.since === undefined ? undefined : new Date(query.since).toISOString(),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { status: 200, body: { logs: page.rows, total: page.total }, headers: total(page.total) };
  },
  getInvocations: async ({ params, query, services }) => {
    const page = await services.functions.invocations(
      params.functionId,
      query.status,
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { status: 200, body: { invocations: page.rows, total: page.total }, headers: total(page.total) };
  },
  getFunctionStats: async ({ params, services }) => ({
    status: 200,
    body: await services.functions.stats(params.functionId),
  }),
  getFunctionVersions: async ({ params, query, services }) => {
    const page = await services.functions.versions(params.functionId, query.limit ?? 50, query.offset ?? 0);
    return { status: 200, body: page.rows, headers: total(page.total) };
  },
  rollbackFunction: async ({ params, body, services }) => ({
    status: 200,
    body: await services.functions.rollback(params.functionId, body.version),
  }),
  deployFunction: async ({ params, caller, services }) => ({
    status: 201,
    body: await services.functions.deploy(params.functionId, caller),
  }),
  getResourceUsage: async ({ params, services }) => ({
    status: 200,
    body: await services.functions.usage(params.functionId),
  }),
};
