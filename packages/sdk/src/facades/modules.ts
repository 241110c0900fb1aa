import { type ModuleName, type OperationId, type OperationsOf, operations } from '@lockstep/contract';
import type { CallOperation, OperationMethod } from '../call';

/** `client.modules.<tag>.<operationId>`: every operation of the spec, grouped by module, built from the table. */
export type ModuleFacades = { [M in ModuleName]: { [K in OperationsOf<M>]: OperationMethod<K> } };

/** Build `client.modules` from the operation table, so a new operation needs no hand work. */
export function moduleFacades(call: CallOperation): ModuleFacades {
  const modules: Record<string, Record<string, unknown>> = {};
  for (const [operationId, { tag }] of Object.entries(operations)) {
    modules[tag] ??= {};
    modules[tag][operationId] = (init?: never) => call(operationId as OperationId, init as never);
  }
  return modules as ModuleFacades;
}
