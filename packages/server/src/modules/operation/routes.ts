/**
 * The handler of `POST /api/v1/operation`, the unified pipeline: HTTP in, one
 * `executeOperation` call (service.ts), HTTP out. Every error the operation raises, its own
 * or a module's, leaves with the `OperationError` body (the `Error` body plus `success`
 * and `error`).
 */
import type { ModuleHandlers } from '../../http/handler-types';
import { toOperationError } from './operation-error';
import { executeOperation } from './service';

/** The handler of the `operation` tag. */
export const operationHandlers: ModuleHandlers<'operation'> = {
  executeOperation: async ({ body, caller, services, requestId }) => {
    try {
      return { status: 200, body: await executeOperation(body, { caller, services, requestId }) };
    } catch (error) {
      throw toOperationError(error, services.log, requestId);
    }
  },
};
