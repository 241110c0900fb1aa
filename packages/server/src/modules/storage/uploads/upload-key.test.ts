import { describe, expect, it } from 'vitest';
import { namesFolderByShape } from './upload-key';

describe('namesFolderByShape', () => {
  it.each<{ path: string; filename: string; want: boolean }>([
    { path: 'bulk', filename: 'a.txt', want: true },
    { path: 'docs/2024', filename: 'report.pdf', want: true },
    { path: 'a.txt', filename: 'a.txt', want: false },
    { path: 'notes.md', filename: 'a.txt', want: false },
    { path: 'bulk', filename: 'README', want: false },
    { path: 'README', filename: 'README', want: false },
    { path: 'dir/.hidden', filename: 'a.txt', want: true },
  ])('$path with $filename → $want', ({ path, filename, want }) =>
    expect(namesFolderByShape(path, filename)).toBe(want),
  );
});
