import type { paths } from '@lockstep/contract';
import createOpenApiClient, { type Client } from 'openapi-fetch';
import { type CallOperation, createCall } from './call';
import type { CoreClientOptions } from './core/core-client';
import { operationSender } from './core/send-operation';
import { type TableClient, tableClient } from './data/table';
import type { AnyDatabase, TableTypes } from './data/types';
import { type AuthFacade, authFacade, sessionEffects } from './facades/auth';
import { type FunctionsFacade, functionsFacade } from './facades/functions';
import { type HealthFacade, healthOperations } from './facades/health';
import { type ModuleFacades, moduleFacades } from './facades/modules';
import { operationFacade } from './facades/operation-facade';
import { type SetupFacade, setupOperations } from './facades/setup';
import { type WebhooksFacade, webhookOperations } from './facades/webhooks';
import { RealtimeClient, type RealtimeOptions } from './realtime/realtime-client';
import { Session } from './session/session';
import { defaultStorage } from './session/storage';
import { TokenStore } from './session/tokens';
import { type StorageFacade, storageFacade } from './storage/storage';
import { progressFetch, UploadRegistry } from './storage/upload-progress';
import { authFetch } from './transport/auth-fetch';
import { serializeBody } from './transport/body-serializer';
import type { FetchLike } from './transport/fetch-like';
import { retryFetch } from './transport/retry-fetch';

/** Options of `createClient`: those of `createCoreClient`, and realtime's. */
export interface ClientOptions extends CoreClientOptions {
  /**
   * The realtime WebSocket client's options (in Node 20, pass `WebSocket` from the ws package).
   * @default { reconnectBaseMs: 1000, reconnectMaxMs: 30000, pingIntervalMs: 30000 }
   */
  realtime?: RealtimeOptions;
}

/** The shape of a generated `Database` type: tables by name. */
export type DatabaseShape<DB> = { [K in keyof DB]: TableTypes };

/**
 * A Lockstep client: every operation, typed, through `call()`, the module facades or raw paths.
 * `DB` is the `Database` type `lockstep gen types` writes; without it any table and column goes.
 */
export interface LockstepClient<DB extends DatabaseShape<DB> = AnyDatabase> {
  /**
   * Call any operation of the spec by its operationId.
   * @example
   * const { data, error } = await client.call('getUser', { params: { path: { userId } } });
   */
  call: CallOperation;
  /** The raw openapi-fetch client (`GET`, `POST`, ... by path), with the same credentials, refresh and retries; errors stay plain bodies. */
  api: Client<paths>;
  /** Sign-up, sign-in, tokens, users, sessions, passwords, RLS policies and API keys. */
  auth: AuthFacade;
  /** The first-run setup wizard. */
  setup: SetupFacade;
  /** Health, liveness and readiness probes. */
  health: HealthFacade;
  /** Webhooks: endpoints, test deliveries, delivery history (verify deliveries with `verifyWebhookSignature`). */
  webhooks: WebhooksFacade;
  /** Every operation, by module and operationId: `client.modules.storage.listFilesV1(init)`. */
  modules: ModuleFacades;
  /** The realtime WebSocket: `client.realtime.channel('db:todos').on('INSERT', cb).subscribe()`. */
  realtime: RealtimeClient;
  /**
   * The rows of one table, through `/rest/v1` (row-level security applies).
   * @example
   * const { data, count, error } = await client.from('notes').select('id,title').eq('done', false).order('id').range(0, 49);
   * await client.from('notes').insert({ title: 'Hello' });
   * await client.from('notes').update({ done: true }).eq('id', 1);
   */
  from<T extends keyof DB & string>(table: T): TableClient<DB[T]>;
  /** Buckets, and each bucket's files: `client.storage.from('avatars').upload(path, file, { onProgress })`. */
  storage: StorageFacade;
  /** User functions: `client.functions.invoke('hello', { name: 'Ada' })`, and their lifecycle. */
  functions: FunctionsFacade;
}

/**
 * Create a client of a Lockstep API.
 * @example
 * const client = createClient({ url: 'http://localhost:54321' });
 * const { error } = await client.auth.signIn({ body: { email, password } });
 * const { data: me } = await client.auth.getUser();
 */
export function createClient<DB extends DatabaseShape<DB> = AnyDatabase>(options: ClientOptions): LockstepClient<DB> {
  const uploads = new UploadRegistry();
  // Upload progress through XMLHttpRequest only where the default fetch would have gone to the network.
  const base = progressFetch(options.fetch ?? ((request) => globalThis.fetch(request)), uploads, !options.fetch);
  const send = retryFetch(base, options.retry);
  const openapi = (fetch: FetchLike) =>
    createOpenApiClient<paths>({
      baseUrl: options.url,
      fetch,
      headers: options.headers,
      bodySerializer: serializeBody,
    });
  const defaults = { baseUrl: options.url.replace(/\/$/, ''), headers: options.headers };
  // Refresh goes out without credentials and without refresh of its own.
  const refreshCall = createCall(operationSender(send, { defaults }));
  const session = new Session(new TokenStore(options.storage ?? defaultStorage()), (refresh_token) =>
    refreshCall('refreshToken', { body: { refresh_token } }),
  );
  const auth = { apiKey: options.apiKey, session };
  const api = openapi(authFetch(send, auth));
  const call = createCall(operationSender(send, { defaults, effects: sessionEffects(session), auth }));
  return {
    call,
    api,
    auth: authFacade(call, session),
    setup: operationFacade(setupOperations, call),
    health: operationFacade(healthOperations, call),
    webhooks: operationFacade(webhookOperations, call),
    modules: moduleFacades(call),
    realtime: new RealtimeClient(
      options.url,
      { token: async () => options.apiKey ?? (await session.tokens.accessToken()), refresh: () => session.refresh() },
      options.realtime,
    ),
    from: (table) => tableClient(call, table),
    storage: storageFacade(call, uploads, options.url),
    functions: functionsFacade(call),
  };
}
