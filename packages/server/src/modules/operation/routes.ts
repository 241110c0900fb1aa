/**
 * `POST /api/v1/operation`: the unified pipeline. The body is one operation discriminated
 * by `op`; each kind runs through the module that owns it, and the answer is
 * `{success: true, op, data}`. Every error the operation raises, its own or a module's,
 * leaves with the `OperationError` body (the `Error` body plus `success` and `error`).
 */
import { requireKeyPermission } from '../../http/access';
import type { ModuleHandlers } from '../../http/handler-types';
import type { KindContext, KindRunner, KindRunners, OperationKind, OperationRequest, ResponseOf } from './kinds';
import { moduleKinds } from './module-kinds';
import { toOperationError } from './operation-error';
import { rowKinds } from './row-kinds';
import { storageKinds } from './storage-kinds';

/** Every kind of operation, by `op`. */
export const kindRunners: KindRunners = { ...rowKinds, ...storageKinds, ...moduleKinds };

/** Kinds that only read; every other kind needs an API key's `write` permission. */
const READ_KINDS = new Set<OperationKind>(['read', 'query', 'explain', 'download', 'subscribe', 'unsubscribe']);

/** Runs `body` through its kind and wraps the result. */
export async function executeKind(body: OperationRequest, ctx: KindContext): Promise<ResponseOf<OperationKind>> {
  const run = kindRunners[body.op] as KindRunner<OperationKind>;
  const data = await run(body as never, ctx);
  return { success: true, op: body.op, data } as ResponseOf<OperationKind>;
}

/** The handler of the `operation` tag. */
export const operationHandlers: ModuleHandlers<'operation'> = {
  executeOperation: async ({ body, caller, services, requestId }) => {
    try {
      requireKeyPermission(caller, READ_KINDS.has(body.op) ? 'read' : 'write');
      return { status: 200, body: await executeKind(body, { caller, services, requestId }) };
    } catch (error) {
      throw toOperationError(error, services.log, requestId);
    }
  },
};
