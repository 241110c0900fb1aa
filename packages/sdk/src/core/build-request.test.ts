import createOpenApiClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { serializeBody } from '../transport/body-serializer';
import { buildRequest, fillPath, type RequestInitOptions } from './build-request';
import type { OperationDescriptor } from './operation';

const BASE = 'http://api.test/v0';

/** The request openapi-fetch (the full client's transport) sends for the same call. */
async function viaOpenApiFetch(operation: OperationDescriptor, init: RequestInitOptions): Promise<Request> {
  let seen: Request | undefined;
  const client = createOpenApiClient<any>({
    baseUrl: `${BASE}/`,
    headers: { 'x-client': 'sdk' },
    bodySerializer: serializeBody,
    fetch: async (request: Request) => {
      seen = request;
      return new Response(null, { status: 204 });
    },
  });
  await client.request(operation.method.toLowerCase() as 'get', operation.path, init as never);
  return seen as Request;
}

async function shape(request: Request) {
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: request.body === null ? null : await request.text(),
  };
}

const op = (method: string, path: string): OperationDescriptor => ({ id: 'getHealth', method, path });

// given: an operation and an init; want: the request openapi-fetch would send.
const cases: [string, OperationDescriptor, RequestInitOptions][] = [
  ['no params', op('GET', '/health'), {}],
  ['a path parameter, encoded', op('GET', '/auth/users/{userId}'), { params: { path: { userId: 'a b/c?d' } } }],
  [
    'query: scalars, arrays exploded, objects as deepObject, nulls dropped',
    op('GET', '/logs'),
    {
      params: { query: { limit: 5, level: ['warn', 'error'], filter: { a: '1', b: 'x y' }, skip: null, empty: [] } },
    },
  ],
  [
    'query options per call',
    op('GET', '/logs'),
    {
      params: { query: { level: ['warn', 'error'] } },
      querySerializer: { array: { style: 'form', explode: false } },
    },
  ],
  ['a JSON body gets its content type', op('POST', '/auth/login'), { body: { email: 'a@b.c', password: 'p' } }],
  [
    'headers: per call over the client, params.header, null removes',
    op('GET', '/health'),
    {
      headers: { 'x-one': '1', 'x-client': null },
      params: { header: { 'x-two': '2' } },
    },
  ],
  [
    'a caller content type is kept',
    op('PUT', '/x'),
    {
      body: { a: 1 },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ],
  ['a per-call base URL', op('GET', '/health'), { baseUrl: 'http://other.test/' }],
];

describe('buildRequest', () => {
  it.each(cases)('%s: the request openapi-fetch sends', async (_, operation, init) => {
    const ours = buildRequest({ baseUrl: BASE, headers: { 'x-client': 'sdk' } }, operation, init);
    expect(await shape(ours)).toEqual(await shape(await viaOpenApiFetch(operation, init)));
  });

  it('sends an object holding a file as multipart form data, with the boundary the platform sets', async () => {
    const request = buildRequest({ baseUrl: BASE }, op('POST', '/files'), {
      body: { file: new Blob(['hi'], { type: 'text/plain' }), meta: { a: 1 } },
    });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect(await (form.get('file') as Blob).text()).toBe('hi');
  });

  it('puts a file key in the path with its slashes, each segment encoded', () => {
    const tail: OperationDescriptor = { id: 'getFile', method: 'GET', path: '/b/{bucket}/files/{key}', pathTail: true };
    const request = buildRequest({ baseUrl: BASE }, tail, { params: { path: { bucket: 'av', key: 'a b/c.png' } } });
    expect(request.url).toBe(`${BASE}/b/av/files/a%20b/c.png`);
  });

  it('passes fetch options through (signal, credentials)', () => {
    const controller = new AbortController();
    const request = buildRequest({ baseUrl: BASE }, op('GET', '/health'), {
      signal: controller.signal,
      credentials: 'include',
    });
    controller.abort();
    expect(request.signal.aborted).toBe(true);
    expect(request.credentials).toBe('include');
  });
});

describe('fillPath', () => {
  it('leaves a missing parameter as its template and joins an array with commas', () => {
    expect(fillPath('/a/{x}/{y}', { y: ['1', 'b c'] })).toBe('/a/{x}/1,b%20c');
  });
});
