import { describe, expect, it } from 'vitest';
import { toMswPath } from './to-msw-path';

describe('toMswPath', () => {
  it.each([
    { given: '/health', want: '/health' },
    { given: '/auth/users/{userId}', want: '/auth/users/:userId' },
    { given: '/auth/rls/{tableName}/{policyId}', want: '/auth/rls/:tableName/:policyId' },
    { given: '/files/{file-path}', want: '/files/:file_path' },
  ])('$given → $want', ({ given, want }) => {
    expect(toMswPath(given)).toBe(want);
  });

  it('lets a tail parameter take several segments', () => {
    expect(toMswPath('/b/{bucketName}/files/{filePath}', true)).toBe('/b/:bucketName/files/:filePath+');
  });
});
