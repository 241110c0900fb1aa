/**
 * Behaviour that needs a server configured for the test: rate limits small enough to hit,
 * and an SMTP server to receive the mail (in-process targets only).
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { signUpUser } from './harness/fixtures';
import { postgresUrl, selectedTargets, startTarget, type Target } from './harness/targets';

const serverTargets = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');

describe.each(serverTargets)('rate limits and SMTP [%s]', (name) => {
  const started: Target[] = [];
  afterAll(async () => {
    for (const t of started) await t.stop();
  });

  it('limits sign-in attempts per address whatever the email, so password spraying is limited', async () => {
    const target = await startTarget(name, {
      rateLimits: {
        login: { points: 100, duration: 60 },
        loginPerAddress: { points: 5, duration: 60 },
        signup: { points: 50, duration: 60 },
        forgotPassword: { points: 50, duration: 60 },
      },
    });
    started.push(target);
    const client = api(target);
    for (let i = 0; i < 5; i++) {
      const attempt = await client.post('/auth/login', { email: `sprayed${i}@example.com`, password: 'Summer2026!' });
      expect(attempt.status).toBe(401);
    }
    const limited = await client.post('/auth/login', { email: 'sprayed-last@example.com', password: 'Summer2026!' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After past the login limit, and refuses even the right password then', async () => {
    const target = await startTarget(name, {
      rateLimits: {
        login: { points: 3, duration: 60 },
        loginPerAddress: { points: 100, duration: 60 },
        signup: { points: 50, duration: 60 },
        forgotPassword: { points: 2, duration: 60 },
      },
    });
    started.push(target);
    const client = api(target);
    const user = await signUpUser(client);
    for (let i = 0; i < 3; i++)
      expect((await client.call('signIn', { body: { email: user.email, password: 'wrong-password' } })).status).toBe(
        401,
      );
    const limited = await client.call('signIn', { body: { email: user.email, password: user.password } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await client.call('forgotPassword', { body: { email: user.email } });
    await client.call('forgotPassword', { body: { email: user.email } });
    expect((await client.call('forgotPassword', { body: { email: user.email } })).status).toBe(429);
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

describe.runIf(serverTargets.includes('postgres'))('rate limits across instances [postgres]', () => {
  it('counts attempts in the database, so two instances share one limit', async () => {
    const { createApp } = await import('@lockstep/server');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const pgSchema = `limits_${process.pid}_${Date.now().toString(36)}`;
    const config = {
      databaseUrl: postgresUrl,
      pgSchema,
      logLevel: 'silent',
      rateLimits: {
        login: { points: 2, duration: 60 },
        loginPerAddress: { points: 100, duration: 60 },
        signup: { points: 50, duration: 60 },
        forgotPassword: { points: 5, duration: 60 },
      },
    };
    const first = await createApp({ ...config, dataDir: mkdtempSync(join(tmpdir(), 'lockstep-a-')) });
    const second = await createApp({ ...config, dataDir: mkdtempSync(join(tmpdir(), 'lockstep-b-')) });
    try {
      const login = (app: typeof first) =>
        app.fetch(
          new Request('http://x/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'a@example.com', password: 'nope-nope' }),
          }),
        );
      expect((await login(first)).status).toBe(401);
      expect((await login(second)).status).toBe(401);
      const third = await login(first);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBeTruthy();
    } finally {
      await first.close();
      await second.close();
      await dropSchema(pgSchema);
    }
  });
});

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
