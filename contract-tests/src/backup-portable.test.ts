import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { downloadArchive, fileText, readRows, seedData, takeBackup, uploadArchive } from './backup-fixtures';
import { type Person, setupAdmin, signIn } from './harness/fixtures';
import { contextOf, contractSuite, type SuiteContext } from './harness/suite';
import { selectedTargets, startTarget } from './harness/targets';

/**
 * Polls a restore that replaces the users: the caller's session goes with them, so it signs
 * in again (the backup's admin has the same credentials as this one).
 */
async function restoreAcross(t: SuiteContext, admin: Person, backupId: string) {
  const started = await t.call('restoreBackup', { params: { path: { backupId } }, body: {}, token: admin.token });
  expect(started.status).toBe(202);
  let token = admin.token;
  for (let i = 0; i < 400; i++) {
    const res = await t.call('getRestoreStatus', { params: { path: { jobId: started.body.id } }, token });
    if (res.status === 401) {
      // Writes (a sign-in too) answer 503 + Retry-After until the restore has finished.
      token = await signIn(t, admin.email, admin.password).then(
        (p) => p.token,
        () => token,
      );
    } else if (res.body.status === 'completed' || res.body.status === 'failed') return { job: res.body, token };
    await sleep(25);
  }
  throw new Error('restore did not end');
}

contractSuite(
  import.meta.filename,
  'backup: portable across engines',
  (t, targetName) => {
    const other = targetName === 'sqlite' ? 'postgres' : 'sqlite';
    it.skipIf(!selectedTargets().includes(other))(
      `restores a backup taken here into a fresh ${other} server, row for row and byte for byte`,
      async () => {
        const admin = await setupAdmin(t);
        const { bucket } = await seedData(t, admin, 'portable');
        const rows = await readRows(t, admin, 'portable');
        const backupId = await takeBackup(t, admin);
        const archive = await downloadArchive(t, admin, backupId);
        const target = await startTarget(other);
        try {
          const there = contextOf(target);
          const otherAdmin = await setupAdmin(there);
          const uploaded = await uploadArchive(there, otherAdmin, archive.bytes);
          expect(uploaded.status).toBe(201);
          const check = await there.call('validateBackup', {
            params: { path: { backupId: uploaded.body.backup_id } },
            token: otherAdmin.token,
          });
          expect(check.body.valid).toBe(true);
          expect(check.body.warnings.join(' ')).toContain('portable format');
          const { job, token } = await restoreAcross(there, otherAdmin, uploaded.body.backup_id);
          expect(job.error).toBeUndefined();
          const restoredAdmin = { ...otherAdmin, token };
          expect(await readRows(there, restoredAdmin, 'portable')).toEqual(rows);
          expect(await fileText(there, restoredAdmin, bucket, 'docs/a.txt')).toBe('first version');
          expect(await fileText(there, restoredAdmin, bucket, 'b.bin')).toBe('\u0000\u0001\u0002\u00ff');
        } finally {
          await target.stop();
        }
      },
    );
  },
  { stateless: false, overHttp: false },
);
