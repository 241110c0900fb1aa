/**
 * @lockstep/sdk/core: the lean client. `createCoreClient` has the full client's transport
 * (credentials, token refresh, retries, typed errors) and one `call(descriptor, init)`; each
 * operation is a generated descriptor named after its operationId, so a page ships only the
 * operations it imports. The full client (`@lockstep/sdk`) adds the facades, `from()`, storage
 * uploads and realtime.
 * @example
 * import { createCoreClient, getCurrentUser, signIn } from '@lockstep/sdk/core';
 * const client = createCoreClient({ url: 'http://localhost:54321' });
 * await client.call(signIn, { body: { email, password } });
 * const { data: me, error } = await client.call(getCurrentUser);
 */

export type { OperationId } from '@lockstep/contract';
export type { CallData, OperationType, ParseAs } from './call';
export {
  type CoreCallArgs,
  type CoreCallInit,
  type CoreCallResult,
  type CoreClient,
  type CoreClientOptions,
  createCoreClient,
} from './core/core-client';
export type { OperationDescriptor } from './core/operation';
export {
  type ErrorBody,
  isLockstepError,
  isLockstepNetworkError,
  LockstepError,
  type LockstepErrorCode,
  LockstepNetworkError,
} from './errors';
export * from './generated/operations.gen';
export { ACCESS_TOKEN_KEY, memoryStorage, REFRESH_TOKEN_KEY, type TokenStorage } from './session/storage';
export type { SessionTokens } from './session/tokens';
export type { FetchLike } from './transport/fetch-like';
export type { RetryOptions } from './transport/retry-fetch';
