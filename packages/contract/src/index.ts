/**
 * The compiled Lockstep contract: the bundled OpenAPI document, its TypeScript types, the
 * operation table and the realtime frame types, all generated from spec/ by `npm run gen`.
 */
import asyncapi from '../generated/asyncapi.gen.json' with { type: 'json' };
import document from '../generated/openapi.gen.json' with { type: 'json' };
import type { AsyncApiDocument, OpenApiDocument } from './document';

export type { components, operations as OperationTypes, paths } from '../generated/openapi.gen';
export { type ModuleName, modules, type OperationId, type OperationsOf, operations } from '../generated/operations.gen';
export {
  type ClientBroadcastFrame,
  type ClientFrame,
  type ConnectedFrame,
  type DbChangeFrame,
  type ErrorFrame,
  type FrameErrorCode,
  frameErrorCodes,
  type PresenceChange,
  type PresenceStateFrame,
  type PresenceUser,
  type ServerFrame,
  type SubscribeFrame,
  type TrackFrame,
} from '../generated/realtime.gen';

/** The bundled OpenAPI 3.1 document, as served at `/openapi.json`. */
export const openapiDocument: OpenApiDocument = document as unknown as OpenApiDocument;

/** The AsyncAPI 3.0 document of the realtime WebSocket (spec/asyncapi.yaml), as JSON. */
export const asyncapiDocument: AsyncApiDocument = asyncapi as unknown as AsyncApiDocument;

export type { Access, AsyncApiDocument, OpenApiDocument } from './document';
export {
  hasPathTail,
  matchesTemplate,
  matchOperation,
  PATH_TAIL_EXTENSION,
  type RoutedPath,
  routingOrder,
  trailingParameter,
} from './routing';
export {
  deref,
  effectiveSecurity,
  type Located,
  locate,
  OPERATION_METHODS,
  type OperationMethod,
  operationParameters,
  pointerSegments,
  type Resolved,
  refName,
  resolvePointer,
  type SpecDocument,
  toPointer,
  type WalkedOperation,
  walkOperations,
} from './spec/index';
export { ResponseValidator } from './validation/response-validator';
export { createAjv, type FieldError, fieldErrors, pointer, type Validator } from './validation/spec-schemas';
