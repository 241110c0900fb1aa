import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBijection, createApp } from './app';
import { handlers } from './handlers';

const dataDir = () => mkdtempSync(join(tmpdir(), 'lockstep-app-'));

/** The first admin's access token, through the setup wizard and sign-in. */
async function adminToken(app: { fetch: (request: Request) => Promise<Response> }): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const credentials = { email: 'admin@example.com', password: 'Admin-passphrase-1' };
  const body = JSON.stringify({ ...credentials, confirm_password: credentials.password });
  await app.fetch(new Request('http://local/setup/admin', { method: 'POST', headers: json, body }));
  const login = await app.fetch(
    new Request('http://local/auth/login', { method: 'POST', headers: json, body: JSON.stringify(credentials) }),
  );
  return (await login.json()).access_token;
}

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

  it('compiles the routes and their validators once per process, shared read-only by every server', async () => {
    const [a, b] = [
      await createApp({ dataDir: dataDir(), logLevel: 'silent' }),
      await createApp({ dataDir: dataDir(), logLevel: 'silent' }),
    ];
    try {
      expect(b.routes).not.toBe(a.routes);
      expect(b.routes).toHaveLength(a.routes.length);
      expect(b.routes.every((route, i) => route === a.routes[i])).toBe(true);
      expect(Object.isFrozen(a.routes[0])).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the edge of the server', () => {
  it('coerces query strings to the types of the spec and reports every bad field', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const headers = { authorization: `Bearer ${await adminToken(app)}` };
    const coerced = await app.fetch(new Request('http://local/auth/users?limit=1&offset=0', { headers }));
    expect(coerced.status).toBe(200);
    expect(await coerced.json()).toHaveLength(1);
    const bad = await app.fetch(new Request('http://local/auth/users?limit=abc&offset=-1', { headers }));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.details.map((d: { field: string }) => d.field);
    expect(fields.some((f: string) => f.includes('limit'))).toBe(true);
    expect(fields.some((f: string) => f.includes('offset'))).toBe(true);
    await app.close();
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const res = await app.fetch(
      new Request('http://local/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
    );
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await app.close();
  });

  it('sends a request id with every answer and in every error body', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const res = await app.fetch(new Request('http://local/nowhere', { headers: { 'x-request-id': 'req-42' } }));
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect((await res.json()).request_id).toBe('req-42');
    await app.close();
  });

  it('answers a preflight whole, a HEAD and a 405 with the edge headers, and counts each in the metrics', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent', corsOrigins: ['http://localhost:5173'] });
    const origin = 'http://localhost:5173';
    const preflight = await app.fetch(
      new Request('http://local/auth/login', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const head = await app.fetch(new Request('http://local/health', { method: 'HEAD', headers: { origin } }));
    expect(head.status).toBe(200);
    expect(head.headers.get('access-control-allow-origin')).toBe(origin);
    expect(head.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const wrongMethod = await app.fetch(new Request('http://local/health', { method: 'DELETE', headers: { origin } }));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
    expect(wrongMethod.headers.get('access-control-allow-credentials')).toBe('true');
    const counted = [...app.services.observability.requests.series()].map((s) => `${s.method} ${s.operation}`);
    expect(counted).toEqual(expect.arrayContaining(['OPTIONS unmatched', 'HEAD getHealth', 'DELETE unmatched']));
    await app.close();
  });
});

describe('answers without a promise where nothing waits', () => {
  it('answers /health and a signed-in read of a table at once, with the same answer `fetch` gives', async () => {
    const app = await createApp({ dataDir: dataDir(), logLevel: 'silent' });
    const token = await adminToken(app);
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const table = { name: 'notes', columns: [{ name: 'id', type: 'text', primary_key: true, nullable: false }] };
    await app.fetch(
      new Request('http://local/api/tables', { method: 'POST', headers: json, body: JSON.stringify(table) }),
    );
    const read = () => new Request('http://local/rest/v1/notes?id=eq.n1', { headers: auth });
    await app.fetch(read()); // the table's description and the session are now known
    await app.fetch(new Request('http://local/health')); // and the database check's answer
    // A new event-loop turn, as a request from the network arrives in: admission gives each turn a time budget.
    await new Promise((resolve) => setImmediate(resolve));
    const health = app.respond(new Request('http://local/health'));
    expect(health).toBeInstanceOf(Response);
    expect(await (health as Response).json()).toMatchObject({ status: 'ok', checks: { database: 'ok' } });
    const row = app.respond(read());
    expect(row).toBeInstanceOf(Response);
    expect((row as Response).status).toBe(200);
    expect(await (row as Response).json()).toEqual({ rows: [], total: 0 });
    // A bad request is still the error body.
    const bad = await app.respond(new Request('http://local/rest/v1/notes?nope=eq.1', { headers: auth }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // An operation whose handler waits answers a promise.
    expect(app.respond(new Request('http://local/auth/me', { headers: auth }))).toBeInstanceOf(Promise);
    await app.close();
  });
});
