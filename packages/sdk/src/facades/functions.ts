import type { components } from '@lockstep/contract';
import type { CallOperation } from '../call';
import type { LockstepError } from '../errors';
import { type FacadeTable, type OperationFacade, operationFacade } from './operation-facade';

/** The functions module's methods, by operation. */
export const functionsOperations = {
  list: 'getFunctions',
  create: 'createFunction',
  get: 'getFunction',
  update: 'updateFunction',
  remove: 'deleteFunction',
  invokeById: 'invokeFunction',
  logs: 'getFunctionLogs',
  invocations: 'getInvocations',
  stats: 'getFunctionStats',
  versions: 'getFunctionVersions',
  rollback: 'rollbackFunction',
  deploy: 'deployFunction',
  templates: 'getTemplates',
  createFromTemplate: 'createFromTemplate',
  resources: 'getResourceUsage',
} as const satisfies FacadeTable;

/** How one invocation ended, whichever way it was called. */
export interface FunctionRun {
  invocation_id: string;
  status: components['schemas']['FunctionsInvocationStatus'];
  result?: unknown;
  error?: string;
  duration_ms?: number;
}

/** The result of `client.functions.invoke`. */
export type FunctionRunResult =
  | { data: FunctionRun; error?: never; response: Response }
  | { data?: never; error: LockstepError; response: Response };

/** `client.functions`: the functions module's operations, plus `invoke` by name or id. */
export type FunctionsFacade = OperationFacade<typeof functionsOperations> & {
  /**
   * Runs a function by id (`invokeFunction`) or by name (the unified operation's `invoke`)
   * and waits for it; a failing function is a result (`status` `error` or `timeout`), not an error.
   * @example
   * const { data } = await client.functions.invoke('hello', { name: 'Ada' });
   */
  invoke(nameOrId: string, payload?: unknown): Promise<FunctionRunResult>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS = { completed: 'success', failed: 'error', timeout: 'timeout' } as const;

/** Build `client.functions` on top of `call()`. */
export function functionsFacade(call: CallOperation): FunctionsFacade {
  const invoke = async (nameOrId: string, payload: unknown = {}): Promise<FunctionRunResult> => {
    if (UUID.test(nameOrId)) {
      const res = await call('invokeFunction', { params: { path: { functionId: nameOrId } }, body: payload as never });
      if (res.error) return res;
      const { id, status, result, error, duration_ms } = res.data;
      return { data: { invocation_id: id, status, result, error, duration_ms }, response: res.response };
    }
    const res = await call('executeOperation', { body: { op: 'invoke', function_name: nameOrId, payload } });
    if (res.error) return res;
    const data = res.data.data as components['schemas']['OperationInvokeResult'];
    const status = STATUS[data.status as keyof typeof STATUS];
    return {
      data: {
        invocation_id: data.invocation_id,
        status,
        result: data.result,
        error: data.error,
        duration_ms: data.duration_ms,
      },
      response: res.response,
    };
  };
  return { ...operationFacade(functionsOperations, call), invoke };
}
