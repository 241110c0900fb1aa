/** One call of an operation: its request built, sent through the transport, its result read, then its session effect. */
import type { OperationId } from '@lockstep/contract';
import type { FetchLike } from '../transport/fetch-like';
import { buildRequest, type RequestDefaults, type RequestInitOptions } from './build-request';
import type { OperationDescriptor } from './operation';
import { type ReadAs, readResult } from './read-result';
import type { CallEffect, SettledCall } from './settled-call';

/** Sends one call of `operation`. */
export type SendOperation = (operation: OperationDescriptor, init?: RequestInitOptions) => Promise<SettledCall>;

/** Calls through `fetch`; an operation's effect runs after its call, even one that threw. */
export function operationSender(
  fetch: FetchLike,
  defaults: RequestDefaults,
  effects: Partial<Record<OperationId, CallEffect>> = {},
): SendOperation {
  return async (operation, init) => {
    let result: SettledCall | undefined;
    try {
      const request = buildRequest(defaults, operation, init);
      result = await readResult(await fetch(request), request.method, init?.parseAs as ReadAs | undefined);
      return result;
    } finally {
      await effects[operation.id]?.(result);
    }
  };
}
