import { describe, expect, it } from 'vitest';
import { hasPathTail, matchesTemplate, matchOperation, routingOrder } from './routing';

const ops = [
  { operationId: 'getFile', method: 'get', path: '/b/{bucket}/files/{key}', pathTail: true },
  { operationId: 'permissions', method: 'get', path: '/b/{bucket}/files/{key}/permissions' },
  { operationId: 'move', method: 'post', path: '/b/{bucket}/files/move' },
  { operationId: 'upload', method: 'post', path: '/b/{bucket}/files/{key}', pathTail: true },
];

describe('matchesTemplate', () => {
  it.each([
    { template: '/b/{bucket}/files/{key}', path: '/b/x/files/a.txt', tail: false, want: true },
    { template: '/b/{bucket}/files/{key}', path: '/b/x/files/a/b.txt', tail: false, want: false },
    { template: '/b/{bucket}/files/{key}', path: '/b/x/files/a/b.txt', tail: true, want: true },
    { template: '/b/{bucket}/files/{key}', path: '/b/x/files', tail: true, want: false },
    { template: '/b/{bucket}/files/{key}', path: '/b/x/files/', tail: true, want: false },
    { template: '/b/{bucket}/files/{key}', path: '/b//files/a', tail: true, want: false },
  ])('$template ~ $path (tail $tail) → $want', ({ template, path, tail, want }) => {
    expect(matchesTemplate(template, path, tail)).toBe(want);
  });
});

describe('matchOperation with tails', () => {
  it.each([
    { method: 'GET', path: '/b/x/files/a.txt/permissions', want: 'permissions' },
    { method: 'GET', path: '/b/x/files/dir/a.txt', want: 'getFile' },
    { method: 'GET', path: '/b/x/files/dir%2Fa.txt', want: 'getFile' },
    { method: 'POST', path: '/b/x/files/move', want: 'move' },
    { method: 'POST', path: '/b/x/files/dir/move', want: 'upload' },
  ])('$method $path → $want', ({ method, path, want }) => {
    expect(matchOperation(ops, method, path)?.operationId).toBe(want);
  });

  it('orders a tail after every fixed-length template with the same prefix', () => {
    const order = routingOrder(ops).map((op) => op.operationId);
    expect(order.indexOf('permissions')).toBeLessThan(order.indexOf('getFile'));
    expect(order.indexOf('move')).toBeLessThan(order.indexOf('upload'));
  });
});

describe('hasPathTail', () => {
  const doc = {
    paths: {
      '/f/{key}': { get: { parameters: [{ $ref: '#/components/parameters/Key' }] } },
      '/f/{key}/sign': { post: { parameters: [{ $ref: '#/components/parameters/Key' }] } },
      '/g/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true }] } },
    },
    components: { parameters: { Key: { name: 'key', in: 'path', required: true, 'x-lockstep-path-tail': true } } },
  };

  it('honours the extension only on the last segment', () => {
    expect(hasPathTail(doc, '/f/{key}', 'get')).toBe(true);
    expect(hasPathTail(doc, '/f/{key}/sign', 'post')).toBe(false);
    expect(hasPathTail(doc, '/g/{id}', 'get')).toBe(false);
  });
});
