import { HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedMocks, serveMocks } from './serve';
import { httpAnswer } from './test-support/http-answer';

let mock: ServedMocks;
let overridden: ServedMocks;
beforeAll(async () => {
  mock = await serveMocks({ port: 0 });
  overridden = await serveMocks({
    port: 0,
    overrides: {
      signIn: async ({ request, answer }) =>
        HttpResponse.json(
          { echoed: await request.json(), status: answer.status },
          { headers: { 'x-who': 'override' } },
        ),
      getHealth: () => {
        const headers = new Headers([
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ]);
        return new HttpResponse('streamed', { status: 202, headers });
      },
    },
  });
});
afterAll(() => Promise.all([mock.close(), overridden.close()]));

describe('serveMocks', () => {
  it('answers operations over HTTP as the msw handlers do, 404 outside the spec', async () => {
    const health = await fetch(`${mock.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: expect.any(String) });
    const unauthenticated = await fetch(`${mock.url}/auth/api-keys`);
    expect(unauthenticated.status).toBe(401);
    const chosen = await fetch(`${mock.url}/health`, { headers: { 'x-mock-status': '503' } });
    expect(chosen.status).toBe(503);
    const missing = await fetch(`${mock.url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
  it('answers whatever Host the client names it by (localhost for 127.0.0.1, say)', async () => {
    const answer = await httpAnswer(`${mock.url}/health`, { headers: { host: 'localhost:1' } });
    expect(answer.status).toBe(200);
  });
  it('answers paths only msw’s looser matching routes (a trailing slash) through the handlers', async () => {
    expect((await fetch(`${mock.url}/health/`)).status).toBe(200);
  });
  it('gives an override the request, body included, and sends its Response', async () => {
    const response = await fetch(`${overridden.url}/auth/login`, { method: 'POST', body: '{"email":"a@b.co"}' });
    expect(response.headers.get('x-who')).toBe('override');
    expect(await response.json()).toEqual({ echoed: { email: 'a@b.co' }, status: 200 });
  });
  it('sends an override’s status, body and every Set-Cookie', async () => {
    const answer = await httpAnswer(`${overridden.url}/health`);
    expect(answer.status).toBe(202);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.bytes.toString()).toBe('streamed');
  });
  it('answers operations without an override from the mock', async () => {
    expect((await fetch(`${overridden.url}/auth/api-keys`, { headers: { apikey: 'k' } })).status).toBe(200);
  });
  it('waits the delay it is given before answering', async () => {
    const slow = await serveMocks({ port: 0, delay: 150 });
    const started = performance.now();
    expect((await fetch(`${slow.url}/health`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await slow.close();
  });
});
