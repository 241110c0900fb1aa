import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@lockstep/server';
import { afterEach, describe, expect, it } from 'vitest';
import { capture } from '../test-helpers';
import { UsageError } from '../usage-error';
import { run } from './admin';

describe('lockstep admin create', () => {
  afterEach(() => {
    delete process.env.LOCKSTEP_ADMIN_PASSWORD;
  });

  it('creates the first admin of a headless install and closes the wizard; a second is refused', async () => {
    const data = await mkdtemp(join(tmpdir(), 'lockstep-admin-'));
    process.env.LOCKSTEP_ADMIN_PASSWORD = 'Headless-pass-1';
    const first = await capture(run, ['create', '--email', 'ops@example.com', '--data', data]);
    expect(first.code).toBe(0);
    const app = await createApp({ dataDir: data, logLevel: 'silent' });
    try {
      const status = await app.fetch(new Request('http://x/setup/status'));
      expect(await status.json()).toMatchObject({ status: 'Ready', admin_created: true });
      const login = await app.fetch(
        new Request('http://x/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ops@example.com', password: 'Headless-pass-1' }),
        }),
      );
      expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
    } finally {
      await app.close();
    }
    const second = await capture(run, ['create', '--email', 'two@example.com', '--data', data]);
    expect(second.code).toBe(1);
  });

  it('needs create, an email and a password', async () => {
    await expect(run(['create'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['make', '--email', 'a@example.com'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['create', '--email', 'a@example.com'])).rejects.toBeInstanceOf(UsageError);
  });
});
