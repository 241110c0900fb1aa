import { Hono } from 'hono';
import { cors } from 'hono/cors';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { RequestLine } from '../log';
import { HttpError } from './http-error';
import { RequestEdge } from './request-edge';

const policy = { origins: ['http://localhost:5173'], exposeHeaders: ['X-Total-Count', 'X-Request-Id'] };

const json = () => new Response('{}', { headers: { 'content-type': 'application/json' } });

function edgeApp(lines: RequestLine[] = []) {
  const app = new Hono();
  const edge = new RequestEdge({ request: (line) => lines.push(line) }, policy, pino({ level: 'silent' }));
  app.get('/x', (c) => edge.answer(c, json));
  app.get('/carried', (c) =>
    edge.answer(
      c,
      (scope) => new Response('{}', { headers: { 'content-type': 'application/json', ...scope.responseHeaders } }),
      true,
    ),
  );
  app.get('/fails', (c) =>
    edge.answer(c, () => {
      throw new HttpError(409, 'CONFLICT', 'taken');
    }),
  );
  app.get('/rejects', (c) => edge.answer(c, async () => Promise.reject(new HttpError(409, 'CONFLICT', 'taken'))));
  app.get('/later', (c) => edge.answer(c, async () => json()));
  // A Response whose headers cannot change (as `Response.redirect` makes with undici's Response;
  // @hono/node-server's own Response, global once it is loaded, lets them change): the edge cannot add its own.
  app.get('/immutable', (c) => edge.answer(c, () => withImmutableHeaders(new Response(null, { status: 302 }))));
  return app;
}

function withImmutableHeaders(response: Response): Response {
  const refuse = () => {
    throw new TypeError('immutable');
  };
  Object.defineProperty(response, 'headers', { value: { set: refuse, append: refuse } });
  return response;
}

function honoCorsApp() {
  const app = new Hono();
  app.use('*', cors({ origin: policy.origins, credentials: true, exposeHeaders: policy.exposeHeaders }));
  app.get('/x', () => new Response('{}', { headers: { 'content-type': 'application/json' } }));
  return app;
}

const corsHeaders = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

describe('requestEdge', () => {
  it('sets the CORS headers Hono cors() sets, for an allowed origin', async () => {
    const init: RequestInit = { headers: { origin: 'http://localhost:5173' } };
    const ours = await edgeApp().request('/x', init);
    const theirs = await honoCorsApp().request('/x', init);
    expect(corsHeaders(ours)).toEqual(corsHeaders(theirs));
    expect(ours.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it.each([
    ['another origin', 'https://evil.example'],
    ['no origin', undefined],
  ])('sets no CORS header but Vary for %s', async (_, origin) => {
    const ours = await edgeApp().request('/x', { headers: origin ? { origin } : {} });
    expect(corsHeaders(ours)).toEqual({ vary: 'Origin' });
    expect(ours.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers with the client request id, or a new one', async () => {
    const app = edgeApp();
    expect((await app.request('/x', { headers: { 'x-request-id': 'abc' } })).headers.get('x-request-id')).toBe('abc');
    expect((await app.request('/x')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets the same headers on a response built with them and on one built without', async () => {
    const init = { headers: { origin: 'http://localhost:5173', 'x-request-id': 'r1' } };
    const app = edgeApp();
    const built = await app.request('/x', init);
    const carried = await app.request('/carried', init);
    expect(Object.fromEntries(carried.headers)).toEqual(Object.fromEntries(built.headers));
  });

  it('answers a thrown error with the error body, its headers and one request line', async () => {
    const lines: RequestLine[] = [];
    const res = await edgeApp(lines).request('/fails', {
      headers: { 'x-request-id': 'r2', origin: 'http://localhost:5173' },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('x-request-id')).toBe('r2');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await res.json()).toMatchObject({ code: 'CONFLICT', request_id: 'r2' });
    expect(lines).toEqual([expect.objectContaining({ requestId: 'r2', method: 'GET', path: '/fails', status: 409 })]);
  });

  it('answers at once when the route did, and with a promise when the route waited', async () => {
    const lines: RequestLine[] = [];
    const app = edgeApp(lines);
    const now = app.fetch(new Request('http://localhost/x', { headers: { 'x-request-id': 'r3' } }));
    expect(now).toBeInstanceOf(Response);
    const later = app.fetch(new Request('http://localhost/later', { headers: { origin: 'http://localhost:5173' } }));
    expect(later).toBeInstanceOf(Promise);
    expect((await later).headers.get('access-control-allow-credentials')).toBe('true');
    expect(lines.map((l) => l.path)).toEqual(['/x', '/later']);
  });

  it('answers a rejected route and a response it cannot add its headers to with the error body', async () => {
    const lines: RequestLine[] = [];
    const app = edgeApp(lines);
    const rejected = await app.request('/rejects', { headers: { 'x-request-id': 'r4' } });
    expect(rejected.status).toBe(409);
    expect(await rejected.json()).toMatchObject({ code: 'CONFLICT', request_id: 'r4' });
    const immutable = await app.request('/immutable', { headers: { 'x-request-id': 'r5' } });
    expect(immutable.status).toBe(500);
    expect(immutable.headers.get('x-request-id')).toBe('r5');
    expect(lines.map((l) => l.status)).toEqual([409, 500]);
  });
});
