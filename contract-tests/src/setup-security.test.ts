/**
 * The setup wizard on a server configured for the test: who may run it (a local caller,
 * or a remote one with the setup token, judged by the forwarded address behind a trusted
 * proxy), and the directories it takes (absolute paths, created, used by storage).
 */
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from './harness/api';
import { selectedTargets, startTarget, type Target } from './harness/targets';

function canWrite(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const serverTargets = selectedTargets().filter((t) => t === 'sqlite' || t === 'postgres');
const setupToken = 'a-setup-token-for-the-test';
const remote = { 'x-forwarded-for': '203.0.113.7' };
const steps = [
  ['/setup/storage', { data_dir: 'db', wal_dir: 'wal', snapshot_dir: 'snapshots' }],
  ['/setup/auth', { jwt_expiry_hours: 2, refresh_expiry_days: 7 }],
  ['/setup/admin', { email: 'root@example.com', password: 'Root-passphrase-1', confirm_password: 'Root-passphrase-1' }],
  ['/setup/complete', undefined],
] as const;

describe.each(serverTargets)('setup wizard: who may run it, where it writes [%s]', (name) => {
  const started: Target[] = [];
  afterAll(async () => {
    for (const t of started) await t.stop();
  });
  let last: Target | undefined;
  const start = async (overrides: Record<string, unknown> = {}) => {
    last = await startTarget(name, { trustProxy: true, setupToken, ...overrides });
    started.push(last);
    return api(last);
  };

  it('refuses every step from another machine without the setup token, and changes nothing', async () => {
    const client = await start();
    for (const [path, body] of steps) {
      for (const headers of [remote, { ...remote, 'x-setup-token': 'a-wrong-token' }]) {
        const res = await client.post(path, body, { headers });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('SETUP_TOKEN_REQUIRED');
      }
    }
    expect((await client.get('/setup/status', { headers: remote })).body.status).toBe('Uninitialized');
  });

  it('runs every step from another machine with the setup token', async () => {
    const client = await start();
    for (const [path, body] of steps) {
      const res = await client.post(path, body, { headers: { ...remote, 'x-setup-token': setupToken } });
      expect(res.status).toBe(200);
    }
    expect((await client.get('/setup/status')).body.status).toBe('Ready');
  });

  it('runs every step from this machine without a token (the dashboard on a developer machine)', async () => {
    const client = await start();
    for (const [path, body] of steps) {
      const res = await client.post(path, body, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(res.status).toBe(200);
    }
  });

  it('takes absolute directories, creates them, and keeps stored files under data_dir', async () => {
    const client = await start();
    const root = mkdtempSync(join(tmpdir(), 'lockstep-setup-dirs-'));
    const dirs = { data_dir: join(root, 'data'), wal_dir: join(root, 'wal'), snapshot_dir: join(root, 'snapshots') };
    const res = await client.post('/setup/storage', dirs);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, ...dirs, data_dir_exists: false, wal_dir_exists: false });
    for (const dir of Object.values(dirs)) expect(existsSync(dir)).toBe(true);
    const again = await client.post('/setup/storage', dirs);
    expect(again.body).toMatchObject({ data_dir_exists: true, wal_dir_exists: true, snapshot_dir_exists: true });
    for (const [path, body] of steps.slice(1)) expect((await client.post(path, body)).status).toBe(200);
    const login = await client.post('/auth/login', { email: 'root@example.com', password: 'Root-passphrase-1' });
    const token = login.body.access_token;
    expect((await client.post('/storage/buckets', { name: 'kept', public: false }, { token })).status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const target = last as Target;
    const upload = await target.fetch(
      new Request(`${target.baseUrl}/storage/buckets/kept/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
    );
    expect(upload.status).toBe(201);
    expect(readdirSync(join(dirs.data_dir, 'kept'))).toContain('hello.txt');
  });

  it('takes the dashboard’s defaults under /var/lib/aerodb, or says why it may not', async () => {
    const client = await start();
    const defaults = {
      data_dir: '/var/lib/aerodb/data',
      wal_dir: '/var/lib/aerodb/wal',
      snapshot_dir: '/var/lib/aerodb/snapshots',
    };
    const res = await client.post('/setup/storage', defaults);
    if (canWrite('/var/lib')) {
      expect(res.status).toBe(200);
      for (const dir of Object.values(defaults)) expect(existsSync(dir)).toBe(true);
    } else {
      // Not root here: the server may not create them, and says so for the first field.
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({
        field: 'body.data_dir',
        message: expect.stringMatching(/permission/),
      });
    }
  });

  it('names the field and the reason when a directory cannot be used', async () => {
    const client = await start();
    const root = mkdtempSync(join(tmpdir(), 'lockstep-setup-bad-'));
    writeFileSync(join(root, 'a-file'), 'in the way');
    const cases = [
      [{ data_dir: join(root, 'a-file'), wal_dir: 'wal', snapshot_dir: 'snapshots' }, 'body.data_dir', /is a file/],
      [
        { data_dir: 'db', wal_dir: join(root, 'a-file', 'below'), snapshot_dir: 's' },
        'body.wal_dir',
        /file is in the way/,
      ],
      [
        { data_dir: 'db', wal_dir: 'wal', snapshot_dir: '../../escape' },
        'body.snapshot_dir',
        /inside the data directory/,
      ],
    ] as const;
    const virtual = [
      // Refused even to root: sysfs takes no directories (EPERM), procfs has no such parent (ENOENT).
      [
        { data_dir: 'db', wal_dir: 'wal', snapshot_dir: '/sys/lockstep-test/snapshots' },
        'body.snapshot_dir',
        /permission denied/,
      ],
      [
        { data_dir: '/proc/lockstep-test/data', wal_dir: 'wal', snapshot_dir: 's' },
        'body.data_dir',
        /cannot be created/,
      ],
    ] as const;
    for (const [body, field, reason] of [...cases, ...(existsSync('/sys/kernel') ? virtual : [])]) {
      const res = await client.post('/setup/storage', body);
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe(field);
      expect(res.body.details[0].message).toMatch(reason);
    }
    expect((await client.get('/setup/status')).body.storage_configured).toBe(false);
  });
});
