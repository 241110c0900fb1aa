import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBijection, createApp } from './app';
import { handlers } from './handlers';

const dataDir = () => mkdtempSync(join(tmpdir(), 'lockstep-app-'));

describe('server and spec bijection', () => {
  it('accepts the handler map as it is', () => {
    expect(() => checkBijection(handlers)).not.toThrow();
  });

  it('refuses to start with an operation that has no handler', async () => {
    const { signIn, ...missing } = handlers;
    await expect(createApp({ dataDir: dataDir(), logLevel: 'silent' }, missing as never)).rejects.toThrow(
      /missing signIn/,
    );
  });

  it('refuses to start with a handler that has no operation', async () => {
    const extra = { ...handlers, launchRockets: async () => ({ status: 200 }) };
    await expect(createApp({ dataDir: dataDir(), logLevel: 'silent' }, extra as never)).rejects.toThrow(
      /without an operation launchRockets/,
    );
  });
});

describe('the edge of the server', () => {
  it('coerces query strings to the types of the spec and reports every bad field', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const res = await app.fetch(
      new Request('http://local/auth/users?limit=abc&offset=-1', { headers: { authorization: 'Bearer x' } }),
    );
    expect(res.status).toBe(401);
    const body = await app.fetch(
      new Request('http://local/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
    );
    expect(body.status).toBe(415);
    expect((await body.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await app.close();
  });

  it('sends a request id with every answer and in every error body', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const res = await app.fetch(new Request('http://local/nowhere', { headers: { 'x-request-id': 'req-42' } }));
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect((await res.json()).request_id).toBe('req-42');
    await app.close();
  });
});
