import { createAjv, type OpenApiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { operationRoute } from './operation-route';

const nameBody = {
  required: true,
  content: {
    'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
  },
};

function docWith(requestBody: object): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    tags: [],
    paths: {
      '/things': { post: { operationId: 'createThing', requestBody, responses: { '201': { description: 'ok' } } } },
    },
    components: { requestBodies: { Thing: nameBody } },
  };
}

function routeOf(doc: OpenApiDocument) {
  const ajv = { params: createAjv(doc, true), body: createAjv(doc, false) };
  return operationRoute(doc, ajv, {
    operationId: 'createThing',
    method: 'post',
    path: '/things',
    tag: 't',
    access: 'public',
  });
}

describe('operationRoute', () => {
  it.each([
    ['an inline body', nameBody],
    ['a $ref to components/requestBodies', { $ref: '#/components/requestBodies/Thing' }],
  ])('validates %s', (_name, body) => {
    const route = routeOf(docWith(body));
    expect(route.bodyRequired).toBe(true);
    expect(route.bodyTypes).toEqual(['application/json']);
    expect(route.validateBody?.({ name: 'x' })).toBe(true);
    expect(route.validateBody?.({})).toBe(false);
  });
});
