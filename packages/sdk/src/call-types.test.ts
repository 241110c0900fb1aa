import type { components } from '@lockstep/contract';
import { describe, expectTypeOf, it } from 'vitest';
import type { CallArgs, CallData, CallResult } from './call';
import { createClient } from './client';
import type { LockstepError } from './errors';

type Schemas = components['schemas'];

// Type-level checks: tsc (npm run typecheck) fails when they break; vitest only runs the shell.
describe('types of call()', () => {
  it('types data from the success response and error as LockstepError', () => {
    expectTypeOf<CallData<'getUser'>>().toEqualTypeOf<Schemas['AuthUser']>();
    expectTypeOf<CallData<'getUsers'>>().toEqualTypeOf<Schemas['AuthUser'][]>();
    expectTypeOf<CallData<'signIn'>>().toEqualTypeOf<Schemas['AuthLoginResponse']>();
    expectTypeOf<CallData<'downloadBackup', 'blob'>>().toEqualTypeOf<Blob>();
    expectTypeOf<Extract<CallResult<'getUser'>, { error: unknown }>['error']>().toEqualTypeOf<LockstepError>();
  });

  it('makes init required exactly when the operation needs params or a body', () => {
    expectTypeOf<CallArgs<'getCurrentUser'>>().toMatchTypeOf<[init?: unknown]>();
    expectTypeOf<[]>().toMatchTypeOf<CallArgs<'getCurrentUser'>>();
    expectTypeOf<[]>().not.toMatchTypeOf<CallArgs<'getUser'>>();
    expectTypeOf<[]>().not.toMatchTypeOf<CallArgs<'signIn'>>();
  });

  it('checks params and bodies against the spec', () => {
    const client = createClient({ url: 'http://api.test', fetch: async () => new Response(null) });
    // Never run: only compiled.
    const compileOnly = async () => {
      await client.call('getUser', { params: { path: { userId: 'u1' } } });
      // @ts-expect-error the path param is required
      await client.call('getUser', { params: { path: {} } });
      // @ts-expect-error init is required
      await client.call('getUser');
      // @ts-expect-error unknown body field
      await client.auth.signIn({ body: { email: 'a@b.c', password: 'p', remember: true } });
      // @ts-expect-error not an operation of that module
      void client.modules.webhooks.signIn;
      // @ts-expect-error no per-call fetch: it would bypass credentials, refresh and retries
      await client.call('getCurrentUser', { fetch: async () => new Response(null) });
      // @ts-expect-error not an operation
      await client.call('noSuchOperation');
      // Fields the server defaults are optional (nullable, primary_key, unique; upsert).
      await client.call('createTable', { body: { name: 'notes', columns: [{ name: 'title', type: 'text' }] } });
      await client.call('uploadFile', { params: { path: { bucketName: 'b' } }, body: { file: new Blob(['x']) } });
      const { data } = await client.modules['api-keys'].getApiKeys({ params: { query: { limit: 5 } } });
      expectTypeOf(data).toEqualTypeOf<Schemas['ApiKey'][] | undefined>();
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
