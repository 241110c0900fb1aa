import { describe, expect, it } from 'vitest';
import { Judge } from './judge';
import { assemble, keysFor, PositiveCases } from './positive-cases';
import { contractOperations } from './spec-model';

const json = (schema: unknown, examples?: Record<string, unknown>) => ({
  required: true,
  content: {
    'application/json': {
      schema,
      ...(examples && { examples: Object.fromEntries(Object.entries(examples).map(([k, value]) => [k, { value }])) }),
    },
  },
});
const ok = { '200': { description: 'ok' } };
const User = {
  type: 'object',
  required: ['email', 'name'],
  properties: { email: { type: 'string', format: 'email' }, name: { type: 'string', minLength: 2, pattern: '^[A-Z]' } },
};

const doc = {
  openapi: '3.1.0',
  paths: {
    '/keys': { post: { operationId: 'createKey', requestBody: json(User), responses: ok } },
    '/keys/{keyId}': {
      get: {
        operationId: 'getKey',
        parameters: [{ name: 'keyId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: ok,
      },
    },
    '/users': {
      get: {
        operationId: 'listUsers',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 5 },
          { name: 'sort', in: 'query', schema: { type: 'string' } },
          { name: 'q', in: 'query', required: true, schema: { type: 'string', enum: ['all', 'some'] } },
        ],
        responses: ok,
      },
      post: {
        operationId: 'createUser',
        requestBody: json(User, { ada: { email: 'ada@example.com', name: 'Ada' }, bad: { email: 'x' } }),
        responses: ok,
      },
    },
  },
};

const ops = Object.fromEntries(contractOperations(doc).map((o) => [o.operationId, o]));
const build = () => new PositiveCases(doc, new Judge(doc), 'r1');

describe('PositiveCases', () => {
  it('sends each body example, with emails made unique to the run, and warns of an example that breaks its schema', () => {
    const cases = build().casesFor(ops.createUser);
    expect(cases.map((c) => [c.name, c.parts.body])).toEqual([
      ['positive: example ada', { email: 'ada+lcr11@example.com', name: 'Ada' }],
      ['positive: example bad', { email: 'x' }],
    ]);
    expect(cases[1].warning).toMatch(/^createUser: example bad does not match its schema: .*name/);
  });

  it('samples a body that matches its schema when there is no example', () => {
    const [c] = build().casesFor(ops.createKey);
    expect(c.name).toBe('positive: sampled');
    expect(c.parts.body).toMatchObject({ email: expect.stringMatching(/@/), name: expect.stringMatching(/^[A-Z]/) });
  });

  it('sends required parameters and those with examples', () => {
    expect(build().casesFor(ops.listUsers)[0].parts.values).toEqual({ 'query:limit': 5, 'query:q': 'all' });
  });

  it('fills path parameters from what an earlier create answered', () => {
    const cases = build();
    expect(cases.casesFor(ops.getKey)[0].parts.values['path:keyId']).toBe('string');
    cases.remember(ops.createKey, 201, { key: { id: 'k-1', name: 'mine' }, secret: 's' });
    const parts = cases.casesFor(ops.getKey)[0].parts;
    expect(parts.values['path:keyId']).toBe('k-1');
    expect(assemble(ops.getKey, parts, { headers: { authorization: 'Bearer t' }, query: [], label: '' })).toEqual({
      path: '/keys/k-1',
      query: [],
      headers: { authorization: 'Bearer t' },
      body: undefined,
    });
  });

  it('knows the keys a resource carries a parameter under', () => {
    expect(keysFor('filePath')).toEqual(['filePath', 'file_path', 'path', 'id', 'name']);
    expect(keysFor('tableName')).toEqual(['tableName', 'table_name', 'name', 'id']);
  });

  it('never fills an enum path parameter with an unrelated value of an earlier answer', () => {
    const requests: any = {
      openapi: '3.1.0',
      paths: {
        '/requests/{id}': {
          put: {
            operationId: 'saveRequest',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: { '200': { description: 'ok' } },
          },
        },
        '/requests/{id}/{status}': {
          put: {
            operationId: 'decide',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
              { name: 'status', in: 'path', required: true, schema: { type: 'string', enum: ['approve', 'decline'] } },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    const [save, decide] = contractOperations(requests);
    const cases = new PositiveCases(requests, new Judge(requests), 'r1');
    cases.remember(save, 200, { id: 0, name: 'x', status: 0 });
    expect(cases.casesFor(decide)[0].parts.values['path:status']).toBe('approve');
  });
});
