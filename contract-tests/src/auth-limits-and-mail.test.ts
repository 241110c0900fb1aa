/**
 * Behaviour that needs a server configured for the test: rate limits small enough to hit,
 * and an SMTP server to receive the mail (in-process targets only).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { signUpUser } from './harness/fixtures';
import { selectedTargets, startTarget, type Target } from './harness/targets';

const serverTargets = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');

describe.each(serverTargets)('rate limits and SMTP [%s]', (name) => {
  const started: Target[] = [];
  afterAll(async () => {
    for (const t of started) await t.stop();
  });

  it('answers 429 with Retry-After past the login limit, and refuses even the right password then', async () => {
    const target = await startTarget(name, {
      rateLimits: {
        login: { points: 3, duration: 60 },
        signup: { points: 50, duration: 60 },
        forgotPassword: { points: 2, duration: 60 },
      },
    });
    started.push(target);
    const client = api(target);
    const user = await signUpUser(client);
    for (let i = 0; i < 3; i++)
      expect((await client.post('/auth/login', { email: user.email, password: 'wrong-password' })).status).toBe(401);
    const limited = await client.post('/auth/login', { email: user.email, password: user.password });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await client.post('/auth/forgot-password', { email: user.email });
    await client.post('/auth/forgot-password', { email: user.email });
    expect((await client.post('/auth/forgot-password', { email: user.email })).status).toBe(429);
  });

  it('sends email through SMTP when configured and marks it sent in the outbox', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk) => {
          text += chunk;
        });
        stream.on('end', () => {
          received.push(text);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const target = await startTarget(name, { smtpUrl: `smtp://127.0.0.1:${port}` });
    started.push(target);
    const user = await signUpUser(api(target));
    const decoded = received.map((m) => m.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
    expect(decoded.some((m) => m.includes(`To: ${user.email}`) && m.includes('verify-email?token='))).toBe(true);
    const [mail] = await target.app!.services.outbox.recent(user.email);
    expect(mail.sent_at).toBeTruthy();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });
});
