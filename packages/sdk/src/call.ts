import { type OperationId, type OperationTypes, operations } from '@lockstep/contract';
import type { FetchOptions, FetchResponse, ParseAs } from 'openapi-fetch';
import type { OperationDescriptor } from './core/operation';
import type { SendOperation } from './core/settled-call';
import type { LockstepError } from './errors';

export type { CallEffect, SettledCall } from './core/settled-call';

type Media = `${string}/${string}`;
type Empty = Record<never, never>;

/** The generated types (parameters, body, responses) of one operation. */
export type OperationType<K extends OperationId> = K extends keyof OperationTypes ? OperationTypes[K] : never;

/** How to read a success body: `json` by default; `blob`, `text`, `arrayBuffer` or `stream` for files and feeds. */
export type { ParseAs };

/**
 * What a call of operation `K` takes: `params` (`path`, `query`, `header`), `body`, and per-call
 * fetch options (`headers`, `signal`, `parseAs`, `querySerializer`, ...); typed from the spec. No
 * per-call `fetch`: it would bypass credentials, refresh and retries; no per-call `middleware`
 * (calls are built by the SDK, as openapi-fetch builds them, without its middleware).
 */
export type CallInit<K extends OperationId, P extends ParseAs | undefined = undefined> = Omit<
  FetchOptions<OperationType<K>>,
  'fetch' | 'parseAs' | 'middleware'
> & { parseAs?: P };

/** The arguments after the operation: `init` is optional when the operation needs no params and no body. */
export type CallArgs<K extends OperationId, P extends ParseAs | undefined = undefined> =
  Empty extends CallInit<K, P> ? [init?: CallInit<K, P>] : [init: CallInit<K, P>];

/** The success body of operation `K` (read as `P` when `parseAs` is given). */
export type CallData<K extends OperationId, P extends ParseAs | undefined = undefined> = Extract<
  FetchResponse<OperationType<K>, P extends ParseAs ? { parseAs: P } : Empty, Media>,
  { error?: never }
>['data'];

/** The result of a call: `data` on success, `error` on an HTTP error, and the `response` either way. */
export type CallResult<K extends OperationId, P extends ParseAs | undefined = undefined> =
  | { data: CallData<K, P>; error?: never; response: Response }
  | { data?: never; error: LockstepError; response: Response };

/** A method that calls operation `K`: the shape of every facade method. */
export type OperationMethod<K extends OperationId> = <P extends ParseAs | undefined = undefined>(
  ...init: CallArgs<K, P>
) => Promise<CallResult<K, P>>;

/** The one typed entry to every operation: `call(operationId, init)`. */
export type CallOperation = <K extends OperationId, P extends ParseAs | undefined = undefined>(
  operationId: K,
  ...init: CallArgs<K, P>
) => Promise<CallResult<K, P>>;

/** A `call()` that looks the operation up in the table (once per operation) and sends it. */
export function createCall(send: SendOperation): CallOperation {
  const descriptors = new Map<OperationId, OperationDescriptor>();
  return ((operationId: OperationId, init?: Record<string, unknown>) => {
    let operation = descriptors.get(operationId);
    if (!operation) {
      const entry = operations[operationId];
      if (!entry) return Promise.reject(new TypeError(`Unknown operation "${String(operationId)}"`));
      operation = { ...entry, id: operationId, public: entry.access === 'public' };
      descriptors.set(operationId, operation);
    }
    return send(operation, init);
  }) as CallOperation;
}
