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
export { type ClientOptions, createClient, type LockstepClient } from './client';
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
export { sdkOperationMethods } from './manifest';
export { RealtimeChannel } from './realtime/channel';
export type { ChangeEvent, ChangePayload, PresenceUser, RealtimeFilter, ServerFrame } from './realtime/frames';
export { RealtimeClient, type RealtimeOptions, type WebSocketLike } from './realtime/realtime-client';
export { ACCESS_TOKEN_KEY, memoryStorage, REFRESH_TOKEN_KEY, type TokenStorage } from './session/storage';
export type { SessionTokens } from './session/tokens';
export type { FetchLike } from './transport/fetch-like';
export type { RetryOptions } from './transport/retry-fetch';
