import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { isLockstepError } from './errors';
import { apiError, fakeFetch, json } from './testing/fake-fetch';

const URL_BASE = 'http://api.test';
const user = { id: 'u1', email: 'ada@example.com', role: 'user' };

function clientWith(answer: Parameters<typeof fakeFetch>[0], url = URL_BASE) {
  const fetch = fakeFetch(answer);
  return { fetch, client: createClient({ url, fetch, retry: false }) };
}

describe('call()', () => {
  it('looks the operation up in the table and fills its path params, encoded', async () => {
    const { fetch, client } = clientWith(() => json(200, user));
    await client.call('getUser', { params: { path: { userId: 'a b/c?d' } } });
    expect(fetch.requests[0].method).toBe('GET');
    expect(fetch.requests[0].path).toBe(`/auth/users/${encodeURIComponent('a b/c?d')}`);
  });

  it('serialises query arrays as one parameter per value', async () => {
    const { fetch, client } = clientWith(() => json(200, {}));
    await client.call('getMultipleMetrics', { params: { query: { 'metrics[]': ['cpu', 'disk io'] } } });
    expect(fetch.requests[0].path).toBe('/observability/metrics/batch?metrics[]=cpu&metrics[]=disk%20io');
  });

  it('serialises scalar query parameters and skips absent ones', async () => {
    const { fetch, client } = clientWith(() => json(200, []));
    await client.call('getUsers', { params: { query: { limit: 10, search: 'a&b', offset: undefined } } });
    expect(fetch.requests[0].path).toBe('/auth/users?limit=10&search=a%26b');
  });

  it('keeps a base URL path prefix and drops its trailing slash', async () => {
    const { fetch, client } = clientWith(() => json(200, user), 'http://api.test/v2/');
    await client.call('getCurrentUser');
    expect(fetch.requests[0].url).toBe('http://api.test/v2/auth/user');
  });

  it('sends the body as JSON with the method of the table', async () => {
    const { fetch, client } = clientWith(() => json(201, { key: {}, secret: 's' }));
    await client.call('createApiKey', { body: { name: 'ci', permissions: ['read'] } });
    const [request] = fetch.requests;
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ name: 'ci', permissions: ['read'] });
  });

  it('sends an object holding a Blob as multipart form data', async () => {
    const { fetch, client } = clientWith(() => json(201, {}));
    const file = new Blob(['hello'], { type: 'text/plain' });
    await client.call('uploadFileV1', {
      params: { path: { bucketName: 'b' } },
      body: { file, upsert: true, metadata: { a: 1 } },
    });
    const [request] = fetch.requests;
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.body).toContain('hello');
    expect(request.body).toContain('{"a":1}');
  });

  it('sends the client headers and per-call headers', async () => {
    const fetch = fakeFetch(() => json(200, user));
    const client = createClient({ url: URL_BASE, fetch, headers: { 'x-app': 'demo' } });
    await client.call('getCurrentUser', { headers: { 'x-trace': '1' } });
    expect(fetch.requests[0].headers.get('x-app')).toBe('demo');
    expect(fetch.requests[0].headers.get('x-trace')).toBe('1');
  });

  it('answers data and the response on success', async () => {
    const { client } = clientWith(() => json(200, user));
    const { data, error, response } = await client.call('getCurrentUser');
    expect(error).toBeUndefined();
    expect(data).toEqual(user);
    expect(response.status).toBe(200);
  });

  it('answers undefined data for 204', async () => {
    const { client } = clientWith(() => new Response(null, { status: 204 }));
    const result = await client.call('deleteUser', { params: { path: { userId: 'u1' } } });
    expect(result).toMatchObject({ data: undefined });
    expect(result.error).toBeUndefined();
  });

  it('returns an HTTP error as a LockstepError, without throwing', async () => {
    const details = [{ field: 'path.userId', message: 'must be a uuid' }];
    const { client } = clientWith(() =>
      apiError(400, 'VALIDATION_FAILED', 'path.userId: must be a uuid', { details, request_id: 'r-1' }),
    );
    const { data, error } = await client.call('getUser', { params: { path: { userId: 'x' } } });
    expect(data).toBeUndefined();
    expect(isLockstepError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'path.userId: must be a uuid',
      details,
      requestId: 'r-1',
    });
  });

  it('reads a body that is not the error body as UNEXPECTED_RESPONSE', async () => {
    const { client } = clientWith(
      () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const { error } = await client.call('getCurrentUser');
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 502, message: '<h1>Bad gateway</h1>' });
  });

  it('reads an empty error answer from its status', async () => {
    const { client } = clientWith(() => new Response(null, { status: 404, statusText: 'Not Found' }));
    const { error } = await client.call('getCurrentUser');
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 404, message: 'HTTP 404 Not Found' });
  });

  it('reads binary bodies with parseAs', async () => {
    const { client } = clientWith(() => new Response(new Uint8Array([1, 2, 3]), { status: 200 }));
    const { data } = await client.call('downloadBackup', { params: { path: { backupId: 'b1' } }, parseAs: 'blob' });
    expect(data).toBeInstanceOf(Blob);
    expect(data?.size).toBe(3);
  });

  it('refuses an operation the table does not have', async () => {
    const { client } = clientWith(() => json(200, {}));
    await expect((client.call as (id: string) => Promise<unknown>)('nope')).rejects.toThrow(TypeError);
  });
});

describe('client.api', () => {
  it('is the raw openapi-fetch client, by path, errors left as plain bodies', async () => {
    const { fetch, client } = clientWith(() => apiError(404, 'NOT_FOUND'));
    const { error } = await client.api.GET('/auth/users/{userId}', { params: { path: { userId: 'u 1' } } });
    expect(fetch.requests[0].path).toBe('/auth/users/u%201');
    expect(isLockstepError(error)).toBe(false);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
