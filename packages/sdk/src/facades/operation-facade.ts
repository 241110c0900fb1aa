import type { OperationId } from '@lockstep/contract';
import type { CallOperation, OperationMethod } from '../call';

/** A table naming facade methods after operations: `{ methodName: operationId }`. */
export type FacadeTable = Readonly<Record<string, OperationId>>;

/** The methods a facade table describes, each typed from its operation. */
export type OperationFacade<T extends FacadeTable> = { [N in keyof T]: OperationMethod<T[N]> };

/** Build the methods of a facade table on top of `call()`. */
export function operationFacade<T extends FacadeTable>(table: T, call: CallOperation): OperationFacade<T> {
  const facade: Record<string, unknown> = {};
  for (const [name, operationId] of Object.entries(table)) {
    facade[name] = (init?: never) => call(operationId, init as never);
  }
  return facade as OperationFacade<T>;
}
