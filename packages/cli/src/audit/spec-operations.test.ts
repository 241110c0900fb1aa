import { describe, expect, it } from 'vitest';
import { serverPathPrefix, specOperations } from './spec-operations';

describe('specOperations', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/users/{userId}': {
        parameters: [{ $ref: '#/components/parameters/UserId' }],
        get: { operationId: 'getUser', tags: ['auth', 'users'] },
        delete: { tags: [] },
        summary: 'not an operation',
      },
      '/shared': { $ref: '#/components/pathItems/Shared' },
    },
    components: {
      parameters: {
        UserId: { name: 'userId', in: 'path', required: true, schema: { type: ['string', 'null'], format: 'uuid' } },
      },
      pathItems: { Shared: { post: { operationId: 'share' } } },
    },
  };

  it('lists every method of every path item, refs followed, with normalised templates', () => {
    expect(specOperations(doc)).toEqual([
      {
        operationId: 'getUser',
        method: 'GET',
        path: '/users/{userId}',
        template: '/users/{}',
        tag: 'auth',
        pathParams: { userId: { type: 'string', format: 'uuid', enum: undefined } },
      },
      {
        operationId: 'DELETE /users/{userId}',
        method: 'DELETE',
        path: '/users/{userId}',
        template: '/users/{}',
        tag: null,
        pathParams: { userId: { type: 'string', format: 'uuid', enum: undefined } },
      },
      { operationId: 'share', method: 'POST', path: '/shared', template: '/shared', tag: null, pathParams: {} },
    ]);
  });
});

describe('serverPathPrefix', () => {
  it.each([
    [[{ url: 'https://petstore3.swagger.io/api/v3' }], '/api/v3'],
    [[{ url: '/api/v3/' }], '/api/v3'],
    [[{ url: 'http://localhost:54321' }], ''],
    [[{ url: 'https://{host}/v1/{stage}' }], '/v1'],
    [undefined, ''],
  ])('%j → %s', (servers, want) => {
    expect(serverPathPrefix({ servers })).toBe(want);
  });
});
