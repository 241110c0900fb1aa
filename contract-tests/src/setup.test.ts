import { expect, it } from 'vitest';
import { contractSuite } from './harness/suite';

contractSuite(import.meta.filename, 'setup wizard', (t) => {
  it('walks a fresh server from Uninitialized to Ready, then closes every step', async () => {
    expect((await t.call('getStatus')).body).toMatchObject({ status: 'Uninitialized', admin_created: false });
    const early = await t.call('complete');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SETUP_INCOMPLETE');
    // A setup token past its documented length is a malformed request, before any step runs.
    const longToken = await t.raw.post('/setup/complete', undefined, { headers: { 'x-setup-token': 'x'.repeat(300) } });
    expect(longToken.status).toBe(400);
    expect(longToken.body.details[0].field).toBe('header.x-setup-token');
    const escaping = await t.call('configureStorage', {
      body: {
        data_dir: '../outside',
        wal_dir: 'wal',
        snapshot_dir: 'snapshots',
      },
    });
    expect(escaping.status).toBe(400);
    expect(escaping.body.details[0].field).toBe('body.data_dir');
    const storage = await t.call('configureStorage', {
      body: {
        data_dir: 'db',
        wal_dir: 'wal',
        snapshot_dir: 'snapshots',
      },
    });
    expect(storage.body).toMatchObject({
      success: true,
      data_dir_exists: false,
      wal_dir_exists: false,
      snapshot_dir_exists: false,
    });
    expect((await t.call('getStatus')).body.status).toBe('InProgress');
    expect((await t.call('configureAuth', { body: { jwt_expiry_hours: 200, refresh_expiry_days: 7 } })).status).toBe(
      400,
    );
    const auth = await t.call('configureAuth', {
      body: {
        jwt_expiry_hours: 2,
        refresh_expiry_days: 7,
        password_min_length: 10,
        require_number: true,
      },
    });
    expect(auth.body).toMatchObject({ success: true, jwt_expiry_hours: 2 });
    expect((await t.call('getPasswordPolicy')).body).toMatchObject({
      min_length: 10,
      require_numbers: true,
      require_number: true,
    });
    const mismatch = await t.call('createAdmin', {
      body: {
        email: 'root@example.com',
        password: 'Root-passphrase-1',
        confirm_password: 'other',
      },
    });
    expect(mismatch.status).toBe(400);
    const weak = await t.call('createAdmin', {
      body: {
        email: 'root@example.com',
        password: 'no-digits-here',
        confirm_password: 'no-digits-here',
      },
    });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const admin = await t.call('createAdmin', {
      body: {
        email: 'root@example.com',
        password: 'Root-passphrase-1',
        confirm_password: 'Root-passphrase-1',
      },
    });
    expect(admin.body).toMatchObject({ success: true, email: 'root@example.com' });
    expect(
      (
        await t.call('createAdmin', {
          body: {
            email: 'two@example.com',
            password: 'Root-passphrase-2',
            confirm_password: 'Root-passphrase-2',
          },
        })
      ).status,
    ).toBe(409);
    const login = await t.call('signIn', { body: { email: 'root@example.com', password: 'Root-passphrase-1' } });
    expect(login.body.user.role).toBe('admin');
    expect(login.body.expires_in).toBe(7200);
    expect((await t.call('complete')).body).toMatchObject({ success: true, status: 'Ready' });
    expect((await t.call('getStatus')).body).toEqual({
      status: 'Ready',
      storage_configured: true,
      auth_configured: true,
      admin_created: true,
    });
    for (const res of [
      await t.call('configureStorage', { body: { data_dir: 'db', wal_dir: 'wal', snapshot_dir: 'snapshots' } }),
      await t.call('configureAuth', { body: { jwt_expiry_hours: 1, refresh_expiry_days: 1 } }),
      await t.call('createAdmin', {
        body: {
          email: 'x@example.com',
          password: 'Root-passphrase-3',
          confirm_password: 'Root-passphrase-3',
        },
      }),
      await t.call('complete'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SETUP_ALREADY_COMPLETE');
    }
  });
});
