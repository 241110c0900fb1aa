import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSecret, prefixOf, SecretBox } from './secret';
import { signatureHeader, standardSignature, verifySignature } from './signing';

describe('webhook signatures', () => {
  const secret = newSecret();
  const body = '{"id":"e1","event":"webhook.test","created_at":"2026-01-01T00:00:00Z","data":{}}';

  it('verifies its own signature and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1_800_000_000;
    const header = signatureHeader(secret, now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, now)).toBe(true);
    expect(verifySignature(secret, header, `${body} `, now)).toBe(false);
    expect(verifySignature(newSecret(), header, body, now)).toBe(false);
    expect(verifySignature(secret, header, body, now + 301)).toBe(false);
    expect(verifySignature(secret, 'garbage', body, now)).toBe(false);
  });

  it('makes secrets of the documented form, sealed and opened with one key only', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(prefixOf(secret)).toHaveLength(10);
    const box = new SecretBox(new TextEncoder().encode('server-secret'));
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(() => new SecretBox(new TextEncoder().encode('other')).open(sealed)).toThrow();
  });

  it('signs as Standard Webhooks, checked by its reference library', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'chg_42',
      'webhook-timestamp': String(now),
      'webhook-signature': standardSignature(secret, 'chg_42', now, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: 'e1', event: 'webhook.test' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });
});
