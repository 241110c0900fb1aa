import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  downloadArchive,
  fileText,
  readRows,
  restore,
  seedData,
  takeBackup,
  uploadArchive,
  waitForRestore,
} from './backup-fixtures';
import { setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';
import { upload } from './storage-fixtures';

contractSuite(
  import.meta.filename,
  'backup: back up, change, restore',
  (t, targetName) => {
    it('restores rows, tables and files as they were at the backup; refuses the archive once damaged', async () => {
      const admin = await setupAdmin(t);
      const { bucket } = await seedData(t, admin, 'notes');
      const before = await readRows(t, admin, 'notes');
      const backupId = await takeBackup(t, admin);

      await t.call('updateRow', {
        params: { path: { tableName: 'notes', rowId: '1' } },
        body: { title: 'changed' },
        token: admin.token,
      });
      await t.call('deleteRow', { params: { path: { tableName: 'notes', rowId: '2' } }, token: admin.token });
      await t.call('insertRow', {
        params: { path: { tableName: 'notes' } },
        body: { title: 'later' },
        token: admin.token,
      });
      await t.call('createTable', {
        body: { name: 'later_table', columns: [{ name: 'x', type: 'text' }] },
        token: admin.token,
      });
      await upload(t, bucket, { token: admin.token, path: 'docs/a.txt', data: 'second version', upsert: true });
      await upload(t, bucket, { token: admin.token, path: 'c.txt', data: 'added later' });
      const changed = await readRows(t, admin, 'notes');
      expect(changed).not.toEqual(before);
      const checked = await restore(t, admin, backupId, true);
      expect(checked).toMatchObject({ status: 'completed', validate_only: true, validation_errors: [] });
      expect(await readRows(t, admin, 'notes')).toEqual(changed);

      const job = await restore(t, admin, backupId);
      expect(job.error).toBeUndefined();
      expect(job).toMatchObject({ status: 'completed', progress: 100, validate_only: false });
      expect(await readRows(t, admin, 'notes')).toEqual(before);
      expect(await readRows(t, admin, 'later_table')).toBe(404);
      expect(await fileText(t, admin, bucket, 'docs/a.txt')).toBe('first version');
      expect(await fileText(t, admin, bucket, 'b.bin')).toBe('\u0000\u0001\u0002\u00ff');
      expect(await fileText(t, admin, bucket, 'c.txt')).toBe(404);
      const next = await t.call('insertRow', {
        params: { path: { tableName: 'notes' } },
        body: { title: 'after' },
        token: admin.token,
      });
      expect(next.status).toBe(201);
      expect(next.body.id).toBe(4);

      // A damaged archive is refused by validate, restore and upload; the data stays as it is.
      const now = await readRows(t, admin, 'notes');
      const dirs = await t.target.app!.services.backup.dirs();
      const path = `${dirs.backups}/${backupId}.tar.gz`;
      const bytes = readFileSync(path);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(path, bytes);
      const check = await t.call('validateBackup', { params: { path: { backupId } }, token: admin.token });
      expect(check.body.valid).toBe(false);
      expect(check.body.errors.length).toBeGreaterThan(0);
      const refused = await restore(t, admin, backupId);
      expect(refused.status).toBe('failed');
      expect(refused.validation_errors?.length).toBeGreaterThan(0);
      expect(await readRows(t, admin, 'notes')).toEqual(now);
      expect(await fileText(t, admin, bucket, 'docs/a.txt')).toBe('first version');
      expect((await uploadArchive(t, admin, bytes)).status).toBe(400);
      expect((await uploadArchive(t, admin, new TextEncoder().encode('not an archive'))).status).toBe(400);
      expect((await uploadArchive(t, admin, bytes, 'file')).status).toBe(400);
      expect((await t.raw.post('/backup/upload', { backup: 'x' }, { token: admin.token })).status).toBe(415);
    });

    it('lists, describes, validates, downloads and re-uploads a backup', async () => {
      const admin = await setupAdmin(t);
      const backupId = await takeBackup(t, admin);
      const list = await t.call('listBackups', { token: admin.token });
      expect(list.status).toBe(200);
      expect(list.body.find((b: { id: string }) => b.id === backupId)).toMatchObject({
        status: 'completed',
        manifest: { version: '1', compression: 'gzip' },
      });
      const detail = await t.call('getBackup', { params: { path: { backupId } }, token: admin.token });
      expect(detail.body.files).toContain('manifest.json');
      expect(detail.body.files).toContain('database/schema.json');
      const check = await t.call('validateBackup', { params: { path: { backupId } }, token: admin.token });
      expect(check.body).toEqual({ valid: true, errors: [], warnings: expect.any(Array) });
      const archive = await downloadArchive(t, admin, backupId);
      expect(archive.status).toBe(200);
      expect(archive.headers.get('content-disposition')).toContain(`backup-${backupId}.tar.gz`);
      expect(Number(archive.headers.get('content-length'))).toBe(archive.bytes.length);
      const uploaded = await uploadArchive(t, admin, archive.bytes);
      expect(uploaded.status).toBe(201);
      const again = await t.call('validateBackup', {
        params: { path: { backupId: uploaded.body.backup_id } },
        token: admin.token,
      });
      expect(again.body.valid).toBe(true);
      const stats = await t.call('getBackupStats', { token: admin.token });
      expect(stats.body.total_backups).toBeGreaterThanOrEqual(2);
      const deleted = await t.call('deleteBackup', {
        params: { path: { backupId: uploaded.body.backup_id } },
        token: admin.token,
      });
      expect(deleted.status).toBe(204);
      expect(
        (await t.call('getBackup', { params: { path: { backupId: uploaded.body.backup_id } }, token: admin.token }))
          .status,
      ).toBe(404);
    });

    it('restores into a side file on SQLite (target_path), leaving the live data alone', async () => {
      const admin = await setupAdmin(t);
      await t.call('createTable', {
        body: { name: 'side', columns: [{ name: 'v', type: 'text' }] },
        token: admin.token,
      });
      await t.call('insertRow', { params: { path: { tableName: 'side' } }, body: { v: 'kept' }, token: admin.token });
      const backupId = await takeBackup(t, admin);
      await t.call('insertRow', {
        params: { path: { tableName: 'side' } },
        body: { v: 'live only' },
        token: admin.token,
      });
      const started = await t.call('restoreBackup', {
        params: { path: { backupId } },
        body: { target_path: 'restores/copy.db' },
        token: admin.token,
      });
      if (targetName !== 'sqlite') {
        expect(started.status).toBe(409);
        expect(started.body.code).toBe('UNSUPPORTED_DEPLOYMENT');
        return;
      }
      expect(started.status).toBe(202);
      expect((await waitForRestore(t, admin, started.body.id)).status).toBe('completed');
      const copy = readFileSync(join(t.target.app!.services.config.dataDir, 'restores/copy.db'));
      expect(copy.subarray(0, 15).toString()).toBe('SQLite format 3');
      expect(copy.includes('kept')).toBe(true);
      expect(copy.includes('live only')).toBe(false);
      expect((await readRows(t, admin, 'side')) as unknown[]).toHaveLength(2);
    });

    it('is for admins only, and answers 404 and 409 as documented', async () => {
      const admin = await setupAdmin(t);
      const user = await signUpUser(t, 'plain');
      expect((await t.call('listBackups', { token: user.token })).status).toBe(403);
      expect((await t.call('createBackup', { body: {}, token: user.token })).status).toBe(403);
      expect((await t.call('listBackups', {})).status).toBe(401);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await t.call('getBackup', { params: { path: { backupId: missing } }, token: admin.token })).status).toBe(
        404,
      );
      expect(
        (await t.call('getRestoreStatus', { params: { path: { jobId: missing } }, token: admin.token })).status,
      ).toBe(404);
      expect((await t.call('createBackup', { body: { include_tables: ['ghost'] }, token: admin.token })).status).toBe(
        400,
      );
      expect((await t.call('createBackup', { body: { incremental: true }, token: admin.token })).status).toBe(409);
    });
  },
  { stateless: false, overHttp: false },
);
