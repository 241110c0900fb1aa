import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedMocks, serveMocks } from './serve';

let mock: ServedMocks;
beforeAll(async () => {
  mock = await serveMocks({ port: 0 });
});
afterAll(() => mock.close());

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
});
