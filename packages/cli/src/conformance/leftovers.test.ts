import { describe, expect, it } from 'vitest';
import { identifierFor, Leftovers } from './leftovers';
import type { ContractOperation, HttpAnswer } from './types';

const op = (method: string, path: string) => ({ method, path, operationId: `${method} ${path}` }) as ContractOperation;
const answer = (status: number, json: unknown) => ({ status, json }) as HttpAnswer;

describe('identifierFor', () => {
  it.each([
    { param: 'userId', body: { id: 'u1', name: 'Ada' }, want: 'u1' },
    { param: 'bucketName', body: { id: 'b1', name: 'avatars' }, want: 'avatars' },
    { param: 'tableName', body: { name: 'notes' }, want: 'notes' },
    { param: 'keyId', body: { id: 7 }, want: '7' },
    { param: 'keyId', body: [{ id: 7 }], want: undefined },
    { param: 'keyId', body: { other: 1 }, want: undefined },
  ])('$param from $body → $want', ({ param, body, want }) => {
    expect(identifierFor(param, body)).toBe(want);
  });
});

describe('Leftovers', () => {
  it('deletes a nested thing under the concrete path it was created at', () => {
    const leftovers = new Leftovers([op('delete', '/storage/buckets/{bucketName}/folders/{folderPath}')]);
    leftovers.note(
      op('post', '/storage/buckets/{bucketName}/folders'),
      '/storage/buckets/b1/folders',
      answer(201, { id: 'f1' }),
    );
    expect(leftovers.drain().map((p) => p.path)).toEqual(['/storage/buckets/b1/folders/f1']);
  });

  it('falls back to the one collection of the same name, or the one named after a wrapper', () => {
    const leftovers = new Leftovers([
      op('delete', '/storage/buckets/{bucketName}'),
      op('delete', '/auth/users/{userId}'),
    ]);
    leftovers.note(op('post', '/storage/v1/buckets'), '/storage/v1/buckets', answer(201, { name: 'b2' }));
    leftovers.note(op('post', '/auth/signup'), '/auth/signup', answer(201, { user: { id: 'u9' }, access_token: 'x' }));
    expect(leftovers.drain().map((p) => p.path)).toEqual(['/auth/users/u9', '/storage/buckets/b2']);
  });

  it('matches a created thing to the DELETE of its collection, newest first, once', () => {
    const leftovers = new Leftovers([
      op('delete', '/storage/buckets/{bucketName}'),
      op('delete', '/auth/users/{userId}'),
    ]);
    leftovers.note(op('post', '/storage/buckets'), '/storage/buckets', answer(201, { name: 'a b' }));
    leftovers.note(op('post', '/auth/users'), '/auth/users', answer(201, { id: 'u1' }));
    leftovers.note(op('post', '/auth/users'), '/auth/users', answer(400, { id: 'u2' }));
    leftovers.note(op('post', '/auth/login'), '/auth/login', answer(200, { id: 'u3' }));
    expect(leftovers.drain().map((p) => p.path)).toEqual(['/auth/users/u1', '/storage/buckets/a%20b']);
    expect(leftovers.drain()).toEqual([]);
  });
});
