import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServed, PLACEHOLDER } from './served';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Like the reference server: CORS answers every OPTIONS, unknown routes get ROUTE_NOT_FOUND. */
const lockstepLike: Handler = (req, res) => {
  const path = req.url ?? '/';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'access-control-allow-methods': 'GET,POST,DELETE' });
    return res.end();
  }
  if (path === '/health') return json(res, 200, { status: 'ok' });
  if (path === '/auth/user') return json(res, 401, { code: 'UNAUTHORIZED', message: 'sign in' });
  if (path === `/auth/users/${PLACEHOLDER}`) return json(res, 404, { code: 'NOT_FOUND', message: 'no such user' });
  if (path === '/auth/login')
    return json(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'POST only' }, { allow: 'POST' });
  if (path === '/stub') return json(res, 501, { code: 'NOT_IMPLEMENTED', message: 'later' });
  if (path === '/slow') return; // never answers
  return json(res, 404, { code: 'ROUTE_NOT_FOUND', message: `No operation serves ${req.method} ${path}.` });
};

/** Like Express without CORS: OPTIONS answers with Allow for known paths, "Cannot GET" otherwise. */
const routes: Record<string, string[]> = {
  '/pets': ['GET', 'HEAD', 'POST'],
  [`/pets/${PLACEHOLDER}`]: ['GET', 'HEAD'],
};
const expressLike: Handler = (req, res) => {
  const allowed = routes[req.url ?? ''];
  if (allowed && req.method === 'OPTIONS') {
    res.writeHead(200, { allow: allowed.join(',') });
    return res.end(allowed.join(','));
  }
  if (allowed?.includes(req.method ?? '')) return json(res, 200, []);
  res.writeHead(404, { 'content-type': 'text/html' });
  res.end(`<pre>Cannot ${req.method} ${req.url}</pre>`);
};

/** A static host with an SPA fallback: every GET is index.html. */
const spaLike: Handler = (req, res) => {
  res.writeHead(req.method === 'OPTIONS' ? 405 : 200, { 'content-type': 'text/html' });
  res.end(req.method === 'HEAD' ? undefined : '<!doctype html><div id="app"></div>');
};

describe('checkServed', () => {
  const servers: Server[] = [];
  let lockstep: string;
  let express: string;
  let spa: string;
  let seenByLockstep: string[];
  beforeAll(async () => {
    const a = await listen(lockstepLike);
    const b = await listen(expressLike);
    const c = await listen(spaLike);
    servers.push(a.server, b.server, c.server);
    [lockstep, express, spa, seenByLockstep] = [a.url, b.url, c.url, a.seen];
  });
  afterAll(() => {
    for (const s of servers) s.closeAllConnections();
    for (const s of servers) s.close();
  });

  it('reads a backend that answers every OPTIONS (CORS) and names unknown routes', async () => {
    const result = await checkServed(
      lockstep,
      [
        { method: 'GET', path: '/health' },
        { method: 'GET', path: '/auth/user' },
        { method: 'GET', path: '/auth/users/{}' },
        { method: 'GET', path: '/backup/jobs/{}' },
        { method: 'GET', path: '/stub' },
        { method: 'GET', path: '/slow' },
        { method: 'POST', path: '/auth/login' },
        { method: 'GET', path: '/auth/login' },
      ],
      { timeoutMs: 300 },
    );
    const served = Object.fromEntries([...result].map(([k, v]) => [k, v.served]));
    expect(served).toEqual({
      'GET /health': true,
      'GET /auth/user': true,
      'GET /auth/users/{}': true,
      'GET /backup/jobs/{}': false,
      'GET /stub': false,
      'GET /slow': null,
      'POST /auth/login': true,
      'GET /auth/login': false,
    });
    expect(result.get('GET /slow')?.note).toMatch(/timed out/);
    expect(result.get('GET /auth/users/{}')?.note).toMatch(/NOT_FOUND/);
    expect(result.get('POST /auth/login')?.note).toBe('HEAD 405, Allow: POST');
  });

  it('never sends a route its own unsafe method', async () => {
    seenByLockstep.length = 0;
    await checkServed(lockstep, [
      { method: 'DELETE', path: '/auth/users/{}' },
      { method: 'POST', path: '/auth/login' },
    ]);
    const notOptions = seenByLockstep.filter((s) => !s.startsWith('OPTIONS '));
    expect(notOptions.map((s) => s.replace(/__lockstep_audit_\w+__/, 'unknown')).sort()).toEqual([
      'GET /unknown/probe',
      'HEAD /auth/login',
      `HEAD /auth/users/${PLACEHOLDER}`,
      'HEAD /unknown/probe',
    ]);
  });

  it('sends HEAD to non-GET routes: a 405 with Allow decides, a 404 like an unknown path means not served', async () => {
    const result = await checkServed(lockstep, [
      { method: 'POST', path: '/auth/login' },
      { method: 'DELETE', path: '/auth/login' },
      { method: 'POST', path: '/auth/sign-in' },
      { method: 'PATCH', path: '/auth/users/{}' },
      { method: 'GET', path: '/auth/users/{}' },
    ]);
    const verdicts = Object.fromEntries([...result].map(([k, v]) => [k, `${v.served} ${v.note}`]));
    expect(verdicts).toMatchObject({
      'POST /auth/login': 'true HEAD 405, Allow: POST',
      'DELETE /auth/login': 'false HEAD 405, Allow: POST',
      'POST /auth/sign-in': 'false HEAD 404, as for an unknown path (ROUTE_NOT_FOUND)',
    });
    // The path has a GET route, whose handler answers 404 for the placeholder resource: HEAD cannot tell.
    expect(verdicts['PATCH /auth/users/{}']).toMatch(/^null OPTIONS 204 .*HEAD 404 does not tell/);
  });

  it('reads Allow headers when the backend answers OPTIONS route by route', async () => {
    const result = await checkServed(express, [
      { method: 'POST', path: '/pets' },
      { method: 'GET', path: '/pets/{}' },
      { method: 'DELETE', path: '/pets/{}' },
      { method: 'POST', path: '/store/order' },
    ]);
    const served = Object.fromEntries([...result].map(([k, v]) => [k, v.served]));
    expect(served).toEqual({
      'POST /pets': true,
      'GET /pets/{}': true,
      'DELETE /pets/{}': false,
      'POST /store/order': false,
    });
  });

  it('does not mistake an SPA fallback for a route', async () => {
    const result = await checkServed(spa, [{ method: 'GET', path: '/api/users' }]);
    expect(result.get('GET /api/users')).toEqual({ served: false, note: 'GET 200: same answer as an unknown path' });
  });

  it('reports a backend that cannot be reached as unknown, with the reason', async () => {
    const closed = await listen(() => {});
    closed.server.close();
    const result = await checkServed(closed.url, [{ method: 'GET', path: '/a' }]);
    expect(result.get('GET /a')).toEqual({ served: null, note: 'OPTIONS: ECONNREFUSED' });
  });
});
