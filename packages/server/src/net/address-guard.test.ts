/** The private-address guard: which literals are refused, and that the sandbox can run it from source. */
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateAddressCheck, refusedHost } from './address-guard';

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
    ['[::ffff:7f00:1]', true],
    ['::ffff:8.8.8.8', false],
    ['240.0.0.1', true],
    ['224.0.0.1', true],
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

describe('privateAddressCheck', () => {
  it('runs from its source text alone, as the functions sandbox worker runs it', () => {
    const fromSource = new Function(`return (${privateAddressCheck.toString()})`)()(net);
    for (const [given, want] of [
      ['127.0.0.1', true],
      ['::ffff:10.0.0.1', true],
      ['8.8.8.8', false],
    ] as const)
      expect(fromSource(given)).toBe(want);
  });
});
