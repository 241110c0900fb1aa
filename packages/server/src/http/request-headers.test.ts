import { describe, expect, it } from 'vitest';
import { headersOf, RawHeaders } from './request-headers';

describe('RawHeaders', () => {
  it('reads as Headers.get reads: any case, repeated headers joined, absent as null', () => {
    const raw = ['Host', 'a.test', 'X-Tag', 'one', 'Authorization', 'Bearer t', 'x-tag', 'two'];
    const reader = new RawHeaders(raw);
    const headers = new Headers();
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
    for (const name of ['host', 'x-tag', 'Authorization', 'origin', 'x-ta'])
      expect(reader.get(name)).toBe(headers.get(name));
  });
});

describe('headersOf', () => {
  it("reads Node's raw headers when served by Node, the Request's own otherwise", () => {
    const request = new Request('http://a.test/', { headers: { origin: 'http://from-request' } });
    const env = { incoming: { rawHeaders: ['Origin', 'http://from-node'] } };
    expect(headersOf(request, env).get('origin')).toBe('http://from-node');
    expect(headersOf(request, undefined).get('origin')).toBe('http://from-request');
  });
});
