/** The spec toolkit: pointers, `$ref` resolution and the operation walker, for any OpenAPI 3.x document. */
export { deref, type Located, locate, type Resolved, refName } from './deref';
export {
  effectiveSecurity,
  OPERATION_METHODS,
  type OperationMethod,
  operationParameters,
  type WalkedOperation,
  walkOperations,
} from './operations';
export { pointerSegments, resolvePointer, toPointer } from './pointer';
export type { SpecDocument } from './types';
