import { describe, expect, it } from 'vitest';
import { encodeKeyPath, withPathTail } from './path-tail';

const getFile = { method: 'get', path: '/b/{bucketName}/files/{filePath}', pathTail: true };

describe('withPathTail', () => {
  it.each([
    { given: 'a.txt', want: '/b/{bucketName}/files/a.txt' },
    { given: 'folder/my file.txt', want: '/b/{bucketName}/files/folder/my%20file.txt' },
    { given: 'x/%2F/y', want: '/b/{bucketName}/files/x/%252F/y' },
  ])('puts $given in the path as a path', ({ given, want }) => {
    const [path, init] = withPathTail(getFile, { params: { path: { bucketName: 'b1', filePath: given } } });
    expect(path).toBe(want);
    expect(init?.params?.path).toEqual({ bucketName: 'b1' });
  });

  it('leaves operations without a tail alone', () => {
    const op = { method: 'post', path: '/b/{bucketName}/files/{filePath}/sign' };
    const init = { params: { path: { bucketName: 'b', filePath: 'a/b' } } };
    expect(withPathTail(op, init)).toEqual([op.path, init]);
  });

  it('encodes each segment and keeps the slashes', () => {
    expect(encodeKeyPath('a b/c?d')).toBe('a%20b/c%3Fd');
  });

  it.each(['../a.txt', 'a/./b', '/abs', 'a//b', 'a/', '..'])(
    'sends %s as one encoded segment, so no URL parser resolves it elsewhere',
    (key) => {
      expect(encodeKeyPath(key)).toBe(encodeURIComponent(key));
    },
  );
});
