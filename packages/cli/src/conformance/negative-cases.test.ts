import { describe, expect, it } from 'vitest';
import { Judge } from './judge';
import { negativeCases, outOfRange } from './negative-cases';
import { contractOperations } from './spec-model';

const body = (schema: unknown, mediaType = 'application/json') => ({
  required: true,
  content: { [mediaType]: { schema } },
});

const doc = {
  openapi: '3.1.0',
  paths: {
    '/users': {
      post: {
        operationId: 'createUser',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'mode', in: 'query', required: true, schema: { type: 'string', enum: ['fast', 'safe'] } },
        ],
        requestBody: body({
          type: 'object',
          additionalProperties: false,
          required: ['email', 'name'],
          properties: {
            id: { type: 'string', readOnly: true },
            email: { type: 'string', format: 'email' },
            name: { type: 'string', minLength: 1, maxLength: 5 },
            age: { type: ['integer', 'null'], minimum: 0 },
            tags: { type: 'array', items: { type: 'string' } },
            anything: {},
          },
        }),
        responses: { '201': { description: 'ok' } },
      },
    },
    '/users/{id}/avatar': {
      post: {
        operationId: 'upload',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } }],
        requestBody: body(
          {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string', minLength: 1 } },
          },
          'multipart/form-data',
        ),
        responses: { '201': { description: 'ok' } },
      },
    },
  },
};

const judge = new Judge(doc);
const [createUser, upload] = contractOperations(doc);
const base = { values: { 'query:mode': 'fast' }, body: { email: 'a@b.co', name: 'Ada', age: 3, tags: ['x'] } };

describe('negativeCases', () => {
  it('breaks one thing at a time and keeps only what the schema refuses', () => {
    const cases = negativeCases(doc, judge, createUser, base);
    expect(cases.map((c) => c.name)).toEqual([
      'negative: body missing',
      'negative: body is a string',
      'negative: body.email missing',
      'negative: body.name missing',
      'negative: body.email wrong type',
      'negative: body.email not a valid email',
      'negative: body.name wrong type',
      'negative: body.name too short (minLength 1)',
      'negative: body.age wrong type',
      'negative: body.age below minimum (0)',
      'negative: body.tags wrong type',
      'negative: body unknown property',
      'negative: query.limit wrong type (a string for integer)',
      'negative: query.limit below minimum (1)',
      'negative: query.mode missing',
      'negative: query.mode not in enum',
    ]);
    const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
    expect(byName['negative: body.email missing'].parts.body).toEqual({ name: 'Ada', age: 3, tags: ['x'] });
    expect(byName['negative: body.age wrong type'].parts.body).toMatchObject({ age: 'not-a-number' });
    expect(byName['negative: body.email missing'].what).toBe('a body without the required body.email');
    expect(byName['negative: query.mode missing'].parts.values).toEqual({});
    expect(byName['negative: query.limit below minimum (1)'].parts.values).toEqual({
      'query:mode': 'fast',
      'query:limit': 0,
    });
  });

  it('in a form, only drops required fields and breaks what text can carry; never empties a path segment', () => {
    const cases = negativeCases(doc, judge, upload, { values: { 'path:id': 'u1' }, body: { file: 'x', note: 'n' } });
    expect(cases.map((c) => c.name)).toEqual(['negative: body missing', 'negative: body.file missing']);
  });
});

describe('outOfRange', () => {
  const given: [unknown, unknown][] = [
    [{ type: 'integer', maximum: 10 }, 11],
    [{ type: 'number', exclusiveMaximum: 10 }, 10],
    [{ type: 'string', maxLength: 2 }, 'xxx'],
    [{ type: 'string', format: 'uuid' }, 'not-a-uuid'],
    [{ type: 'array', minItems: 1 }, []],
  ];
  it.each(given)('%j → %j', (schema, want) => {
    expect(outOfRange(schema)?.value).toEqual(want);
  });
  it('is null for a schema without bounds', () => {
    expect(outOfRange({ type: 'string' })).toBeNull();
  });
});
