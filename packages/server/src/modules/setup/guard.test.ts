import { describe, expect, it } from 'vitest';
import { checkSetupCaller, isLoopback } from './guard';

describe('isLoopback', () => {
  it.each([
    { given: '127.0.0.1', want: true },
    { given: '127.8.9.10', want: true },
    { given: '::1', want: true },
    { given: '::ffff:127.0.0.1', want: true },
    { given: 'local', want: true },
    { given: '10.0.0.5', want: false },
    { given: '203.0.113.7', want: false },
    { given: '::ffff:192.168.1.2', want: false },
    { given: '127.0.0.1.evil', want: false },
  ])('$given → $want', ({ given, want }) => {
    expect(isLoopback(given)).toBe(want);
  });
});

describe('checkSetupCaller', () => {
  const token = 'the-setup-token';
  it('lets a local caller through without a token', () => {
    expect(() => checkSetupCaller('127.0.0.1', new Headers(), token)).not.toThrow();
  });
  it('lets a remote caller through with the token, and only with it', () => {
    expect(() => checkSetupCaller('203.0.113.7', new Headers({ 'x-setup-token': token }), token)).not.toThrow();
    for (const headers of [
      new Headers(),
      new Headers({ 'x-setup-token': 'wrong' }),
      new Headers({ 'x-setup-token': '' }),
    ])
      expect(() => checkSetupCaller('203.0.113.7', headers, token)).toThrow(
        expect.objectContaining({ status: 403, code: 'SETUP_TOKEN_REQUIRED' }),
      );
  });
});
