import { Hono } from 'hono';
import { cors } from 'hono/cors';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestEdge } from './request-edge';

const policy = { origins: ['http://localhost:5173'], exposeHeaders: ['X-Total-Count', 'X-Request-Id'] };

function edgeApp() {
  const app = new Hono();
  app.use('*', requestEdge(pino({ level: 'silent' }), policy));
  app.get('/x', () => new Response('{}', { headers: { 'content-type': 'application/json' } }));
  return app;
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
  it.each([
    ['an allowed origin', 'http://localhost:5173'],
    ['another origin', 'https://evil.example'],
    ['no origin', undefined],
  ])('sets the CORS headers Hono cors() sets, for %s', async (_, origin) => {
    const init: RequestInit = { headers: origin ? { origin } : {} };
    const ours = await edgeApp().request('/x', init);
    const theirs = await honoCorsApp().request('/x', init);
    expect(corsHeaders(ours)).toEqual(corsHeaders(theirs));
  });

  it('answers with the client request id, or a new one', async () => {
    const app = edgeApp();
    expect((await app.request('/x', { headers: { 'x-request-id': 'abc' } })).headers.get('x-request-id')).toBe('abc');
    expect((await app.request('/x')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
