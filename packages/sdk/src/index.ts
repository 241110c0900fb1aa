/**
 * @lockstep/sdk: the typed client of the Lockstep API. Every operation of the spec through
 * `client.call()`, the module facades or raw paths; auth that refreshes itself; typed errors.
 */

export type { OperationId } from '@lockstep/contract';
export type {
  CallArgs,
  CallData,
  CallInit,
  CallOperation,
  CallResult,
  OperationMethod,
  OperationType,
  ParseAs,
} from './call';
export { type ClientOptions, createClient, type DatabaseShape, type LockstepClient } from './client';
export {
  fetchTableSchemas,
  generateDatabaseTypes,
  renderDatabaseTypes,
  type TableSchema,
} from './codegen/database-types';
export { FilterBuilder } from './data/filter-builder';
export type { FilterOp } from './data/filters';
export { type OrderOptions, ReadQuery, type ReadResult } from './data/read-query';
export { type TableClient, tableClient, type UpsertOptions } from './data/table';
export type { AnyDatabase, AnyRow, DatabaseTypes, Selected, TableTypes } from './data/types';
export { WriteQuery, type WriteResult } from './data/write-query';
export {
  type ErrorBody,
  isLockstepError,
  isLockstepNetworkError,
  LockstepError,
  type LockstepErrorCode,
  LockstepNetworkError,
} from './errors';
export { type AuthFacade, authOperations, type RefreshSessionInit } from './facades/auth';
export { type HealthFacade, healthOperations } from './facades/health';
export type { ModuleFacades } from './facades/modules';
export type { FacadeTable, OperationFacade } from './facades/operation-facade';
export { type SetupFacade, setupOperations } from './facades/setup';
export {
  type VerifyOptions,
  verifyWebhookSignature,
  type WebhooksFacade,
  webhookOperations,
} from './facades/webhooks';
export { sdkOperationMethods } from './manifest';
export { RealtimeChannel } from './realtime/channel';
export type { ChangeEvent, ChangePayload, PresenceUser, RealtimeFilter, ServerFrame } from './realtime/frames';
export { RealtimeClient, type RealtimeOptions, type WebSocketLike } from './realtime/realtime-client';
export { ACCESS_TOKEN_KEY, memoryStorage, REFRESH_TOKEN_KEY, type TokenStorage } from './session/storage';
export type { SessionTokens } from './session/tokens';
export type { BucketClient, ListOptions, UploadBody, UploadOptions } from './storage/bucket';
export { type StorageFacade, storageOperations } from './storage/storage';
export type { ProgressCallback } from './storage/upload-progress';
export type { FetchLike } from './transport/fetch-like';
export type { RetryOptions } from './transport/retry-fetch';
