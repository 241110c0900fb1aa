import { type ModuleName, type OperationId, operations } from '@lockstep/contract';
import type { Handler, ModuleHandlers } from '../http/handler-types';
import { errors } from '../http/http-error';

/** Marks a handler that only answers 501; the wiring report shows its operation red. */
export const NOT_IMPLEMENTED = Symbol.for('lockstep.notImplemented');

/** Whether `handler` is a not-implemented placeholder. */
export function isNotImplemented(handler: unknown): boolean {
  return typeof handler === 'function' && NOT_IMPLEMENTED in handler;
}

/** Handlers for every operation of a module not built yet: each answers 501 NOT_IMPLEMENTED. */
export function notImplementedModule<M extends ModuleName>(module: M): ModuleHandlers<M> {
  const out: Record<string, Handler<OperationId>> = {};
  for (const [operationId, op] of Object.entries(operations)) {
    if (op.tag !== module) continue;
    const handler = async () => {
      throw errors.notImplemented(operationId, module);
    };
    out[operationId] = Object.assign(handler, { [NOT_IMPLEMENTED]: true });
  }
  return out as unknown as ModuleHandlers<M>;
}
