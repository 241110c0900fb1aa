import { describe, expect, it } from 'vitest';
import { Judge, matchMediaType } from './judge';
import { contractOperations } from './spec-model';
import type { HttpAnswer } from './types';
import { judgeAccepted, judgeNegative, judgePositive, judgeRefusal } from './verdicts';

const error = { $ref: '#/components/responses/Error' };
const doc = {
  openapi: '3.1.0',
  paths: {
    '/bare': { get: { operationId: 'bare', responses: { '200': { description: 'ok' } } } },
    '/users/{id}': {
      get: {
        operationId: 'getUser',
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
          },
          '401': error,
          '404': error,
          '500': error,
          '501': error,
          '503': error,
        },
      },
    },
    '/files/{id}': {
      get: {
        operationId: 'download',
        responses: {
          '200': { description: 'bytes', content: { 'application/octet-stream': { schema: { type: 'string' } } } },
          '4XX': error,
        },
      },
    },
  },
  components: {
    responses: {
      Error: { description: 'e', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
    schemas: {
      User: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'email'],
        properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } },
      },
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const judge = new Judge(doc);
const [bare, getUser, download] = contractOperations(doc);

function answer(status: number, body?: unknown, mediaType = 'application/json'): HttpAnswer {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: new Headers(), mediaType, text, json: typeof body === 'object' ? body : undefined, ms: 1 };
}
const err = (status: number, code: string) => answer(status, { code, message: `${code} said` });

describe('judgePositive', () => {
  const given: [string, HttpAnswer, Record<string, unknown>][] = [
    ['a valid documented answer', answer(200, { id: 'u1', email: 'a@b.co' }), { outcome: 'passed' }],
    [
      'a body that breaks the schema, naming the operation, the status and the fields',
      answer(200, { id: 'u1', mail: 'a@b.co' }),
      { outcome: 'failed', message: 'getUser 200: body.email is required; body.mail is not allowed' },
    ],
    [
      'a removed route',
      err(404, 'ROUTE_NOT_FOUND'),
      { outcome: 'failed', message: 'getUser: GET /users/{id} not served (404 ROUTE_NOT_FOUND)', stop: true },
    ],
    [
      'Express without the route',
      answer(404, '<pre>Cannot GET /users/1</pre>', 'text/html'),
      { outcome: 'failed', message: 'getUser: GET /users/{id} not served (404)' },
    ],
    [
      'a documented 4xx: a warning',
      err(404, 'NOT_FOUND'),
      { outcome: 'passed', warning: 'getUser answered 404 NOT_FOUND: NOT_FOUND said' },
    ],
    [
      'a documented 501',
      err(501, 'NOT_IMPLEMENTED'),
      { outcome: 'not-implemented', message: '501 NOT_IMPLEMENTED: NOT_IMPLEMENTED said' },
    ],
    [
      'a documented 503: a warning',
      err(503, 'UNAVAILABLE'),
      { outcome: 'passed', warning: 'getUser answered 503 UNAVAILABLE: UNAVAILABLE said' },
    ],
    [
      'a documented 500',
      err(500, 'INTERNAL'),
      { outcome: 'failed', message: 'getUser: GET /users/{id} answered 500 INTERNAL: INTERNAL said' },
    ],
    [
      'an undocumented status',
      err(418, 'TEAPOT'),
      {
        outcome: 'failed',
        message: 'getUser: GET /users/{id} answered 418 TEAPOT: TEAPOT said; documented: 200, 401, 404, 500, 501, 503',
      },
    ],
    [
      'an undocumented media type',
      answer(200, '<html></html>', 'text/html'),
      { outcome: 'failed', message: 'getUser 200: body is text/html; documented application/json' },
    ],
    [
      'an empty JSON answer',
      answer(200),
      { outcome: 'failed', message: 'getUser 200: body is empty; documented application/json' },
    ],
    [
      'a crash',
      { ...answer(0), error: 'ECONNRESET' },
      { outcome: 'failed', message: 'getUser: GET /users/{id} failed: ECONNRESET', stop: true },
    ],
    [
      'a timeout, which does not stop the operation',
      { ...answer(0), error: 'no answer within 10 ms', timedOut: true },
      { outcome: 'unsure', message: 'getUser: GET /users/{id}: no answer within 10 ms' },
    ],
  ];
  it.each(given)('%s', (_, a, want) => {
    expect(judgePositive(judge, getUser, a)).toMatchObject(want);
  });

  it('reads range keys (4XX) and lets an octet-stream download carry its own type', () => {
    expect(judgePositive(judge, download, answer(200, 'png', 'image/png')).outcome).toBe('passed');
    expect(judgePositive(judge, download, err(409, 'CONFLICT'))).toMatchObject({ outcome: 'passed', warning: /409/ });
  });
});

describe('judgeNegative', () => {
  it('wants a documented 4xx; a success or a 5xx fails, naming what was wrong', () => {
    const what = 'body.email missing';
    expect(judgeNegative(judge, getUser, err(404, 'NOT_FOUND'), what).outcome).toBe('passed');
    expect(judgeNegative(judge, getUser, answer(200, { id: 'u', email: 'a@b.co' }), what)).toMatchObject({
      outcome: 'failed',
      message: 'getUser: accepted body.email missing (200)',
    });
    expect(judgeNegative(judge, getUser, err(500, 'INTERNAL'), what).message).toBe(
      'getUser: GET /users/{id} answered 500 INTERNAL to body.email missing',
    );
    expect(judgeNegative(judge, getUser, err(422, 'INVALID'), what)).toMatchObject({
      outcome: 'spec-gap',
      message: /answered 422 INVALID: refused body.email missing, but the spec documents no status for invalid input/,
    });
    expect(judgeNegative(judge, download, err(422, 'INVALID'), what).outcome).toBe('passed');
    expect(judgeNegative(judge, getUser, err(501, 'NOT_IMPLEMENTED'), what).outcome).toBe('not-implemented');
  });
});

describe('judgeRefusal and judgeAccepted', () => {
  it('want the status the security calls for', () => {
    const refuse = (a: HttpAnswer) => judgeRefusal(judge, getUser, a, 401, 'an anonymous call', 'bearer');
    expect(refuse(err(401, 'UNAUTHENTICATED')).outcome).toBe('passed');
    expect(refuse(answer(200, { id: 'u', email: 'a@b.co' })).message).toBe(
      'getUser: answered 200 to an anonymous call; its security requires bearer',
    );
    expect(refuse(err(404, 'NOT_FOUND')).message).toBe(
      'getUser: answered 404 NOT_FOUND to an anonymous call, expected 401',
    );
    expect(judgeAccepted(judge, getUser, err(401, 'UNAUTHENTICATED'), 'admin key').message).toBe(
      'getUser: refused admin key (401 UNAUTHENTICATED)',
    );
  });
});

describe('matchMediaType', () => {
  it('matches exactly, then by wildcard, ignoring parameters', () => {
    expect(matchMediaType(['text/plain; version=0.0.4'], 'text/plain')).toBe('text/plain; version=0.0.4');
    expect(matchMediaType(['image/*'], 'image/png')).toBe('image/*');
    expect(matchMediaType(['*/*'], 'text/csv')).toBe('*/*');
    expect(matchMediaType(['application/json'], 'text/html')).toBeUndefined();
  });
});

describe('spec gaps', () => {
  it('an expected refusal the spec does not list is a spec gap, not a failure', () => {
    const what = 'a user-role call';
    expect(judgeRefusal(judge, getUser, err(403, 'FORBIDDEN'), 403, what, 'admin').outcome).toBe('spec-gap');
    expect(judgeRefusal(judge, getUser, err(401, 'UNAUTHORIZED'), 401, 'an anonymous call', 'bearer').outcome).toBe(
      'passed',
    );
    expect(judgeRefusal(judge, getUser, err(418, 'TEAPOT'), 403, what, 'admin').outcome).toBe('failed');
  });

  it('an undocumented 4xx to a made-up positive request is a gap only when the spec documents no 4xx', () => {
    expect(judgePositive(judge, bare, err(404, 'NOT_FOUND')).outcome).toBe('spec-gap');
    expect(judgePositive(judge, getUser, err(409, 'CONFLICT')).outcome).toBe('failed');
  });
});
