import { describe, expect, it } from 'vitest';
import { hasCredential, needsCredential } from './has-credential';

describe('needsCredential', () => {
  it.each([
    { access: 'public', want: false },
    { access: 'optional', want: false },
    { access: 'user', want: true },
    { access: 'admin', want: true },
    { access: 'service', want: true },
  ] as const)('$access → $want', ({ access, want }) => {
    expect(needsCredential(access)).toBe(want);
  });
});

describe('hasCredential', () => {
  it.each<{ headers: Record<string, string>; want: boolean }>([
    { headers: {}, want: false },
    { headers: { Authorization: 'Bearer abc' }, want: true },
    { headers: { apikey: 'lsk_123' }, want: true },
    { headers: { Authorization: ' ' }, want: false },
  ])('$headers → $want', ({ headers, want }) => {
    expect(hasCredential(new Request('http://x/', { headers }))).toBe(want);
  });
});
