/**
 * `createCoreClient`: the lean client of `@lockstep/sdk/core`. One `call(descriptor, init)` with
 * the full client's transport (credentials, single-flight refresh and replay, retries, typed
 * errors, tokens stored by sign-in and cleared by sign-out), and nothing else: no facades, no
 * operation table, no openapi-fetch client. A page ships the descriptors it imports.
 */
import type { OperationId } from '@lockstep/contract';
import type { CallData, CallInit, ParseAs } from '../call';
import type { LockstepError } from '../errors';
import { sessionEffects } from '../facades/auth';
import { refreshToken } from '../generated/operations.gen';
import { type RefreshResult, Session } from '../session/session';
import { defaultStorage, type TokenStorage } from '../session/storage';
import { type SessionTokens, TokenStore } from '../session/tokens';
import type { FetchLike } from '../transport/fetch-like';
import { type RetryOptions, retryFetch } from '../transport/retry-fetch';
import type { OperationDescriptor } from './operation';
import { operationSender } from './send-operation';

/** Options of `createCoreClient`: those of `createClient`, without realtime. */
export interface CoreClientOptions {
  /** The API's base URL, e.g. `http://localhost:54321`. */
  url: string;
  /**
   * What sends requests: any `(Request) => Promise<Response>`.
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /**
   * Where tokens are kept, under the keys `access_token` and `refresh_token`.
   * @default localStorage in browsers, otherwise an in-memory store
   */
  storage?: TokenStorage;
  /**
   * Headers sent with every request.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * An API key, sent in the `apikey` header instead of any bearer token.
   * @default undefined
   */
  apiKey?: string;
  /**
   * Retries of idempotent requests on network errors and 502/503/504; `false` turns them off.
   * @default { attempts: 2, baseDelayMs: 200 }
   */
  retry?: RetryOptions | false;
}

type Empty = Record<never, never>;

/** What a core call of operation `K` takes: the full client's `init`, without per-call `middleware`. */
export type CoreCallInit<K extends OperationId, P extends ParseAs | undefined = undefined> = Omit<
  CallInit<K, P>,
  'middleware'
>;

/** The arguments after the descriptor: `init` is optional when the operation needs no params and no body. */
export type CoreCallArgs<K extends OperationId, P extends ParseAs | undefined = undefined> =
  Empty extends CoreCallInit<K, P> ? [init?: CoreCallInit<K, P>] : [init: CoreCallInit<K, P>];

/** The result of a core call: the same as the full client's. */
export type CoreCallResult<K extends OperationId, P extends ParseAs | undefined = undefined> =
  | { data: CallData<K, P>; error?: never; response: Response }
  | { data?: never; error: LockstepError; response: Response };

/** A lean Lockstep client: every operation through `call(descriptor, init)`, typed from the spec. */
export interface CoreClient {
  /**
   * Call one operation, named by its generated descriptor.
   * @example
   * import { createCoreClient, getUser } from '@lockstep/sdk/core';
   * const { data, error } = await client.call(getUser, { params: { path: { userId } } });
   */
  call<K extends OperationId, P extends ParseAs | undefined = undefined>(
    operation: OperationDescriptor<K>,
    ...init: CoreCallArgs<K, P>
  ): Promise<CoreCallResult<K, P>>;
  /** The stored tokens, or undefined when signed out. */
  getTokens(): Promise<SessionTokens | undefined>;
  /** Store tokens obtained elsewhere (a server-rendered page, another tab). */
  setTokens(tokens: SessionTokens): Promise<void>;
  /** Forget the stored tokens without calling the server. */
  clearTokens(): Promise<void>;
}

/**
 * Create a lean client: `createClient`'s transport, one `call`, and only the operations you import.
 * @example
 * import { createCoreClient, getHealth, signIn } from '@lockstep/sdk/core';
 * const client = createCoreClient({ url: 'http://localhost:54321' });
 * await client.call(signIn, { body: { email, password } }); // tokens stored
 * const { data } = await client.call(getHealth);
 */
export function createCoreClient(options: CoreClientOptions): CoreClient {
  const send = retryFetch(options.fetch ?? ((request) => globalThis.fetch(request)), options.retry);
  const defaults = { baseUrl: options.url.replace(/\/$/, ''), headers: options.headers };
  // The refresh goes out without credentials and without refresh of its own.
  const exchange = operationSender(send, { defaults });
  const tokens = new TokenStore(options.storage ?? defaultStorage());
  const session = new Session(
    tokens,
    (refresh_token) => exchange(refreshToken, { body: { refresh_token } }) as Promise<RefreshResult>,
  );
  const auth = { apiKey: options.apiKey, session };
  const call = operationSender(send, { defaults, effects: sessionEffects(session), auth });
  return {
    call: call as CoreClient['call'],
    getTokens: () => tokens.get(),
    setTokens: async (pair) => tokens.set(pair),
    clearTokens: () => tokens.clear(),
  };
}
