import { describe, expect, it } from 'vitest';
import { essence, guessContentType, isAllowedType } from './mime-types';

describe('guessContentType', () => {
  it.each([
    { given: 'a.png', want: 'image/png' },
    { given: 'users/42/photo.JPG', want: 'image/jpeg' },
    { given: 'docs/report.pdf', want: 'application/pdf' },
    { given: 'archive.tar.gz', want: 'application/gzip' },
    { given: 'README', want: 'application/octet-stream' },
    { given: '.hidden', want: 'application/octet-stream' },
    { given: 'dir.png/file', want: 'application/octet-stream' },
    { given: 'x.unknownext', want: 'application/octet-stream' },
  ])('$given → $want', ({ given, want }) => expect(guessContentType(given)).toBe(want));
});

describe('isAllowedType', () => {
  it.each([
    { type: 'image/png', allowed: null, want: true },
    { type: 'image/png', allowed: ['image/png', 'image/jpeg'], want: true },
    { type: 'IMAGE/PNG; charset=binary', allowed: ['image/png'], want: true },
    { type: 'image/webp', allowed: ['image/*'], want: true },
    { type: 'imagex/webp', allowed: ['image/*'], want: false },
    { type: 'application/pdf', allowed: ['image/*'], want: false },
    { type: 'image/png', allowed: [], want: false },
  ])('$type in $allowed → $want', ({ type, allowed, want }) => expect(isAllowedType(type, allowed)).toBe(want));

  it('reduces a type to its essence', () => expect(essence(' Text/Plain ; charset=UTF-8')).toBe('text/plain'));
});
