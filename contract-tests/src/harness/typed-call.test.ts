/** The typed caller: wrong calls do not compile; answers are checked against the spec and read as before. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Target } from './targets';
import { typedCall } from './typed-call';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A target answering every request with `answer`, remembering what it was sent. */
function fakeTarget(answer: (request: Request) => Response) {
  const sent: Request[] = [];
  const target: Target = {
    name: 'sqlite',
    stateful: false,
    baseUrl: 'http://api.test',
    fetch: async (request) => {
      sent.push(request.clone());
      return answer(request);
    },
    stop: async () => {},
  };
  return { target, sent };
}

const user = {
  id: '6a1f0e3c-2b4d-4c8e-9f7a-1d3b5c7e9a20',
  email: 'a@example.com',
  role: 'user',
  email_verified: false,
  metadata: {},
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('typedCall', () => {
  it('sends the path parameters, query, body and credential the call names', async () => {
    const { target, sent } = fakeTarget(() => json(401, { message: 'no', code: 'UNAUTHENTICATED', status: 401 }));
    const call = typedCall(target);
    const res = await call('getUser', { params: { path: { userId: 'a/b' } }, token: 'tok' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'no' });
    expect(new URL(sent[0].url).pathname).toBe('/auth/users/a%2Fb');
    expect(sent[0].headers.get('authorization')).toBe('Bearer tok');
    await call('getUsers', { params: { query: { limit: 2 } }, apiKey: 'k' });
    expect(new URL(sent[1].url).search).toBe('?limit=2');
    expect(sent[1].headers.get('apikey')).toBe('k');
    expect(sent[1].headers.get('authorization')).toBeNull();
    await call('signIn', { body: { email: 'a@example.com', password: 'p' } });
    expect(await sent[2].json()).toEqual({ email: 'a@example.com', password: 'p' });
    await call('getUsers', { rawQuery: 'search=a%20b&limit=1' });
    expect(new URL(sent[3].url).search).toBe('?search=a%20b&limit=1');
  });

  it('reads a JSON success body, and throws on an answer the spec does not allow', async () => {
    const good = typedCall(fakeTarget(() => json(200, user)).target);
    expect((await good('getCurrentUser', { token: 't' })).body).toEqual(user);
    const bad = typedCall(fakeTarget(() => json(200, { nope: true })).target);
    await expect(bad('getCurrentUser', { token: 't' })).rejects.toThrow(/getCurrentUser on sqlite/);
  });

  it('does not compile a wrong operation, path parameter or body', () => {
    const call = typedCall(fakeTarget(() => json(200, {})).target);
    // Never run: only compiled (tsc in npm test fails when an expectation breaks).
    const compileOnly = async () => {
      // @ts-expect-error an unknown body field
      await call('signIn', { body: { email: 'a@b.c', password: 'p', remember: true } });
      // @ts-expect-error a body field of the wrong type
      await call('signIn', { body: { email: 'a@b.c', password: 42 } });
      // @ts-expect-error a path parameter the operation does not have
      await call('getUser', { params: { path: { id: 'u1' } } });
      // @ts-expect-error the path parameter is required
      await call('getUser', {});
      // @ts-expect-error not an operation
      await call('noSuchOperation');
      // @ts-expect-error a query parameter of the wrong type
      await call('getUsers', { params: { query: { limit: 'many' } } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
