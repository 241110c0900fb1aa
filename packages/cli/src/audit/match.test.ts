import { describe, expect, it } from 'vitest';
import { normalisePath } from '../spec/path-template';
import { indexOperations, literalFits, matchCall, segmentMatches } from './match';
import type { SpecOperation } from './types';

const op = (method: string, path: string, operationId: string): SpecOperation => ({
  method,
  path,
  operationId,
  template: normalisePath(path),
  tag: null,
});

const ops = [
  op('GET', '/auth/users', 'getUsers'),
  op('GET', '/auth/users/{userId}', 'getUser'),
  op('GET', '/auth/users/me', 'getMe'),
  op('POST', '/auth/users/{userId}/resend-verification', 'resend'),
  op('GET', '/storage/buckets/{bucket}/files/{path}', 'getFile'),
  op('GET', '/storage/buckets/{bucket}/files/list', 'listFiles'),
  op('GET', '/{tenant}/files/list', 'tenantList'),
  op('GET', '/files/{name}.json', 'fileJson'),
  op('DELETE', '/snapshots/{id}', 'deleteSnapshot'),
];

describe('matchCall', () => {
  const index = indexOperations(ops);
  it.each([
    { given: 'GET /auth/users', want: 'getUsers' },
    { given: 'GET /auth/users/{}', want: 'getUser' },
    { given: 'GET /auth/users/me', want: 'getMe', why: 'static beats template' },
    { given: 'GET /auth/users/abc', want: 'getUser', why: 'a static call segment fills a parameter' },
    { given: 'POST /auth/users/{}/resend-verification', want: 'resend' },
    { given: 'GET /storage/buckets/{}/files/list', want: 'listFiles', why: 'static wins at the last segment' },
    { given: 'GET /storage/buckets/{}/files/{}', want: 'getFile' },
    { given: 'GET /storage/files/list', want: 'tenantList', why: 'a leading parameter' },
    { given: 'GET /files/{}.json', want: 'fileJson' },
    { given: 'GET /files/report.json', want: 'fileJson' },
    { given: 'GET /files/report.txt', want: null },
    { given: 'GET /auth/users/{}/sessions', want: null },
    { given: 'GET /snapshots/{}', want: null, note: 'the spec has this path for DELETE only' },
    { given: 'POST /auth/{}', want: null, why: 'a dynamic segment stands only for fixed segments of the same method' },
  ])('$given → $want', ({ given, want, note }) => {
    const [method, path] = given.split(' ');
    const result = matchCall(method, path, index);
    expect(result.operation?.operationId ?? null).toBe(want);
    if (note) expect(result.note).toBe(note);
  });

  it("tries again without the spec server's path prefix", () => {
    const prefixed = indexOperations(ops, '/api/v1');
    expect(matchCall('GET', '/api/v1/auth/users', prefixed).operation?.operationId).toBe('getUsers');
    expect(matchCall('GET', '/auth/users', prefixed).operation?.operationId).toBe('getUsers');
  });
});

describe('literal segments and parameter types', () => {
  const typed: SpecOperation = {
    ...op('GET', '/pet/{petId}', 'getPetById'),
    pathParams: { petId: { type: 'integer' } },
  };
  const index = indexOperations([
    typed,
    { ...op('GET', '/jobs/{id}', 'getJob'), pathParams: { id: { type: 'string', format: 'uuid' } } },
  ]);
  it.each([
    ['/pet/{}', 'getPetById'],
    ['/pet/42', 'getPetById'],
    ['/pet/events', null],
    ['/jobs/00000000-0000-0000-0000-000000000000', 'getJob'],
    ['/jobs/latest', null],
  ])('GET %s → %s', (path, want) => {
    expect(matchCall('GET', path, index).operation?.operationId ?? null).toBe(want);
  });

  it.each([
    ['a', { enum: ['a', 'b'] }, true],
    ['c', { enum: ['a', 'b'] }, false],
    ['1.5', { type: 'number' }, true],
    ['true', { type: 'boolean' }, true],
    ['x', { type: 'string' }, true],
    ['{}', { type: 'integer' }, true],
  ])('%s fits %j: %s', (segment, shape, want) => {
    expect(literalFits(segment, shape)).toBe(want);
  });
});

describe('segmentMatches', () => {
  it.each([
    ['a', 'a', true],
    ['a', '{}', true],
    ['{}', '{}', true],
    ['', '{}', false],
    ['{}', 'a', false],
    ['v{}', 'v{}', true],
    ['x.tar.gz', '{}.tar.gz', true],
    ['a-b', '{}-{}', true],
    ['ab', '{}-{}', false],
  ])('%s fits %s: %s', (call, spec, want) => {
    expect(segmentMatches(call, spec)).toBe(want);
  });
});

describe('matchCall: a template segment stands for the fixed segments it can be', () => {
  const genres = indexOperations([
    op('GET', '/genres/movie', 'movieGenres'),
    op('GET', '/genres/tv', 'tvGenres'),
    op('POST', '/genres/tv', 'addTvGenre'),
  ]);
  it('reaches every fixed sibling of the same method (a `/genres/{type}` call, type: movie | tv)', () => {
    const result = matchCall('GET', '/genres/{}', genres);
    expect(result.standsFor?.map((o) => o.operationId)).toEqual(['movieGenres', 'tvGenres']);
  });
  it('keeps exact matches exact', () => {
    expect(matchCall('GET', '/genres/tv', genres)).toEqual({
      operation: expect.objectContaining({ operationId: 'tvGenres' }),
    });
  });
});

describe('a tail parameter (x-lockstep-path-tail)', () => {
  it('takes the rest of the path only where the spec marks it', () => {
    const ops = [
      {
        operationId: 'getFile',
        method: 'GET',
        path: '/b/{b}/files/{key}',
        template: '/b/{}/files/{}',
        tag: null,
        pathTail: true,
      },
      { operationId: 'getUser', method: 'GET', path: '/users/{id}', template: '/users/{}', tag: null },
    ];
    const index = indexOperations(ops);
    expect(matchCall('GET', '/b/{}/files/folder/{}', index).operation?.operationId).toBe('getFile');
    expect(matchCall('GET', '/users/{}/extra', index).operation).toBeNull();
  });
});
