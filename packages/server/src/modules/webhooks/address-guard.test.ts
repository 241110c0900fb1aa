import { describe, expect, it } from 'vitest';
import { isPrivateAddress, refusedHost } from './address-guard';

describe('isPrivateAddress', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false],
    ['2606:4700::1111', false],
  ];
  for (const [given, want] of cases) it(given, () => expect(isPrivateAddress(given)).toBe(want));
});

describe('refusedHost', () => {
  it('refuses localhost and private literals, and lets names through to the lookup', () => {
    expect(refusedHost(new URL('http://localhost:8080/x'))).toBeDefined();
    expect(refusedHost(new URL('http://[::1]/x'))).toBeDefined();
    expect(refusedHost(new URL('http://127.0.0.1/x'))).toBeDefined();
    expect(refusedHost(new URL('https://hooks.example.com/x'))).toBeUndefined();
  });
});
