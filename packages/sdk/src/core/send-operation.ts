/** One call of an operation: its request built, sent through the transport, its result read, then its session effect. */
import type { OperationId } from '@lockstep/contract';
import { whenReady } from '../awaitable';
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
  const send = async (operation: OperationDescriptor, init?: RequestInitOptions) => {
    const request = buildRequest(defaults, operation, init);
    return readResult(await fetch(request), request.method, init?.parseAs as ReadAs | undefined);
  };
  return (operation, init) => {
    const effect = effects[operation.id];
    return effect ? withEffect(send(operation, init), effect) : send(operation, init);
  };
}

/** The call's result once its effect has run; the effect runs after a call that threw too (whose error then stands). */
function withEffect(call: Promise<SettledCall>, effect: CallEffect): Promise<SettledCall> {
  return call.then(
    (result) => whenReady(effect(result), () => result),
    (error: unknown) =>
      whenReady(effect(undefined), () => {
        throw error;
      }),
  );
}
