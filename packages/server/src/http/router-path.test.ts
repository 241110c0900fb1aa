import { describe, expect, it } from 'vitest';
import { toRouterPath } from './router-path';

describe('toRouterPath', () => {
  it.each([
    { path: '/auth/users/{userId}', tail: false, want: '/auth/users/:userId' },
    { path: '/b/{bucketName}/files/{filePath}', tail: true, want: '/b/:bucketName/files/:filePath{[\\s\\S]+}' },
  ])('$path → $want', ({ path, tail, want }) => {
    expect(toRouterPath(path, tail)).toBe(want);
  });
});
