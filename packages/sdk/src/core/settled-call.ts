import type { Awaitable } from '../awaitable';
import type { LockstepError } from '../errors';
import type { RequestInitOptions } from './build-request';
import type { OperationDescriptor } from './operation';

/** A call's result, whatever the operation. */
export type SettledCall = { data?: unknown; error?: LockstepError; response: Response };

/** Runs after a call of one operation, even one that threw (stores tokens after sign-in, clears them after sign-out). */
export type CallEffect = (result: SettledCall | undefined) => Awaitable<void>;

/** Sends one call of `operation` (a sender of `core/send-operation`). */
export type SendOperation = (operation: OperationDescriptor, init?: RequestInitOptions) => Promise<SettledCall>;
