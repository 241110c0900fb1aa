import { type OperationId, type OperationTypes, operations, type RoutedPath } from '@lockstep/contract';
import type { Client, FetchOptions, FetchResponse, ParseAs } from 'openapi-fetch';
import { LockstepError } from './errors';
import { withPathTail } from './path-tail';

type Media = `${string}/${string}`;
type Empty = Record<never, never>;

/** The generated types (parameters, body, responses) of one operation. */
export type OperationType<K extends OperationId> = K extends keyof OperationTypes ? OperationTypes[K] : never;

/** How to read a success body: `json` by default; `blob`, `text`, `arrayBuffer` or `stream` for files and feeds. */
export type { ParseAs };

/**
 * What a call of operation `K` takes: `params` (`path`, `query`, `header`), `body`, and per-call
 * fetch options (`headers`, `signal`, `parseAs`, ...); typed from the spec. No per-call `fetch`:
 * it would bypass credentials, refresh and retries.
 */
export type CallInit<K extends OperationId, P extends ParseAs | undefined = undefined> = Omit<
  FetchOptions<OperationType<K>>,
  'fetch' | 'parseAs'
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

/** Runs after a call of one operation, even one that threw (stores tokens after sign-in, clears them after sign-out). */
export type CallEffect = (result: SettledCall | undefined) => void | Promise<void>;

/** A call's result, whatever the operation. */
export type SettledCall = { data?: unknown; error?: LockstepError; response: Response };

/** A `call()` that looks the operation up in the table and sends it through an openapi-fetch client. */
export function createCall(api: Client<any>, effects: Partial<Record<OperationId, CallEffect>> = {}): CallOperation {
  return (async (operationId: OperationId, init?: Record<string, unknown>) => {
    const operation = operations[operationId];
    if (!operation) throw new TypeError(`Unknown operation "${String(operationId)}"`);
    let result: SettledCall | undefined;
    try {
      const [path, sent] = withPathTail(operation as RoutedPath, init);
      const { data, error, response } = await api.request(operation.method, path, sent as never);
      result = response.ok ? { data, response } : { error: LockstepError.fromResponse(error, response), response };
      return result;
    } finally {
      await effects[operationId]?.(result);
    }
  }) as CallOperation;
}
