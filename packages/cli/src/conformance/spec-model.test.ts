import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/spec-document';
import { fixture } from '../test-helpers';
import { UsageError } from '../usage-error';
import { contractOperations } from './spec-model';

const op = (extra: Record<string, unknown> = {}) => ({ responses: { '200': { description: 'ok' } }, ...extra });

describe('contractOperations', () => {
  it('reads operations, parameters (path-level ones too), bodies, examples and security', async () => {
    const doc = await loadSpec(fixture('contract-users/openapi.yaml'));
    const ops = contractOperations(doc);
    expect(ops.map((o) => `${o.tag} ${o.operationId}`)).toEqual([
      'auth signIn',
      'users listUsers',
      'users createUser',
      'users getUser',
      'users deleteUser',
      'health getHealth',
    ]);
    const getUser = ops.find((o) => o.operationId === 'getUser')!;
    expect(getUser.params).toMatchObject([
      {
        name: 'userId',
        in: 'path',
        required: true,
        schemaAt: ['paths', '/users/{userId}', 'parameters', '0', 'schema'],
      },
    ]);
    expect(getUser.security).toEqual([[{ scheme: 'bearerAuth', scopes: [] }]]);
    const signIn = ops.find((o) => o.operationId === 'signIn')!;
    expect(signIn.security).toEqual([]);
    expect(signIn.body).toMatchObject({ mediaType: 'application/json', required: true, examples: [{ name: 'ada' }] });
    expect(ops.find((o) => o.operationId === 'listUsers')!.params[0].examples).toEqual([10]);
  });

  it('runs destructive operations after the rest of their tag, deepest first, and sign-out after everything', () => {
    const doc = {
      tags: [{ name: 'a' }, { name: 'b' }],
      paths: {
        '/items': { post: op({ operationId: 'create', tags: ['a'] }) },
        '/items/{id}': {
          delete: op({ operationId: 'remove', tags: ['a'] }),
          get: op({ operationId: 'read', tags: ['a'] }),
        },
        '/items/{id}/notes/{n}': { delete: op({ operationId: 'removeNote', tags: ['a'] }) },
        '/items/bulk-delete': { post: op({ operationId: 'bulkDelete', tags: ['a'] }) },
        '/auth/logout': { post: op({ operationId: 'signOut', tags: ['a'] }) },
        '/other': { get: op({ operationId: 'other', tags: ['b'] }) },
        '/setup/admin': { post: op({ operationId: 'createAdmin', tags: ['b'] }) },
      },
    };
    const ops = contractOperations(doc);
    expect(ops.map((o) => o.operationId)).toEqual([
      'create',
      'read',
      'bulkDelete',
      'removeNote',
      'remove',
      'other',
      'createAdmin',
      'signOut',
    ]);
    expect(ops.find((o) => o.operationId === 'createAdmin')!.setupStep).toBe(true);
    expect(ops.find((o) => o.operationId === 'other')!.setupStep).toBe(false);
  });

  it('keeps only the tags of --only, and names the tags when one is unknown', () => {
    const doc = { paths: { '/a': { get: op({ tags: ['x'] }) }, '/b': { get: op({ tags: ['y'] }) } } };
    expect(contractOperations(doc, ['y']).map((o) => o.operationId)).toEqual(['GET /b']);
    expect(() => contractOperations(doc, ['z'])).toThrow(UsageError);
    expect(() => contractOperations(doc, ['z'])).toThrow('no operation has the tag z; tags: x, y');
  });

  it('prefers a JSON body, then multipart, and follows $refs to where they point', () => {
    const doc = {
      paths: {
        '/up': {
          post: op({
            requestBody: { $ref: '#/components/requestBodies/Up' },
          }),
        },
      },
      components: {
        requestBodies: {
          Up: { content: { 'text/plain': {}, 'multipart/form-data': { schema: { type: 'object' } } } },
        },
      },
    };
    expect(contractOperations(doc)[0].body).toMatchObject({
      mediaType: 'multipart/form-data',
      schemaAt: ['components', 'requestBodies', 'Up', 'content', 'multipart/form-data', 'schema'],
    });
  });
});
