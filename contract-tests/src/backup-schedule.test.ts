import { expect, it } from 'vitest';
import { takeBackup, waitForBackup } from './backup-fixtures';
import { setupAdmin } from './harness/fixtures';
import { contractSuite } from './harness/suite';

contractSuite(
  import.meta.filename,
  'backup: schedule, history and retention',
  (t) => {
    it('reads and changes the schedule; a cron expression that does not parse is a 400', async () => {
      const admin = await setupAdmin(t);
      const initial = await t.call('getSchedule', { token: admin.token });
      expect(initial.body).toMatchObject({ enabled: false, cron_expression: '0 2 * * *', retention_days: 7 });
      expect(initial.body.next_run_at).toBeUndefined();
      const changed = await t.call('updateSchedule', {
        body: { enabled: true, cron_expression: '30 3 * * *', retention_days: 14, compression: 'zstd' },
        token: admin.token,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ enabled: true, cron_expression: '30 3 * * *', retention_days: 14 });
      expect(changed.body.next_run_at).toMatch(/T03:30:00(\.000)?Z$/);
      const bad = await t.call('updateSchedule', { body: { cron_expression: '99 * * * *' }, token: admin.token });
      expect(bad.status).toBe(400);
      expect((await t.call('getSchedule', { token: admin.token })).body.cron_expression).toBe('30 3 * * *');
      const incremental = await t.call('updateSchedule', {
        body: { incremental: true, retention_days: 30 },
        token: admin.token,
      });
      expect(incremental.status).toBe(409);
      expect((await t.call('getSchedule', { token: admin.token })).body).toMatchObject({
        incremental: false,
        retention_days: 14,
      });
    });

    it('runs the scheduled backup now and records it in the history', async () => {
      const admin = await setupAdmin(t);
      const started = await t.call('runScheduledBackup', { token: admin.token });
      expect(started.status).toBe(202);
      const job = await waitForBackup(t, admin, started.body.id);
      expect(job.status).toBe('completed');
      const history = await t.call('getBackupHistory', { params: { query: { limit: 10 } }, token: admin.token });
      expect(history.body[0]).toMatchObject({ id: started.body.id, type: 'scheduled', status: 'success' });
      expect(history.headers.get('x-total-count')).toBe('1');
      const stats = await t.call('getBackupStats', { token: admin.token });
      expect(stats.body).toMatchObject({ total_backups: 1, scheduled_backups_count: 1, failed_backups_24h: 0 });
      expect((await t.call('getSchedule', { token: admin.token })).body.last_run_at).toBeDefined();
      const future = await t.call('getBackupHistory', {
        params: { query: { since: '2999-01-01T00:00:00Z' } },
        token: admin.token,
      });
      expect(future.body).toEqual([]);
    });

    it('keeps backups within the retention period and deletes older ones', async () => {
      const admin = await setupAdmin(t);
      const kept = await takeBackup(t, admin);
      const old = await takeBackup(t, admin);
      const { db } = t.target.app!.services.database;
      await db
        .updateTable('ls_backups')
        .set({ created_at: '2020-01-01T00:00:00.000Z' })
        .where('id', '=', old)
        .execute();
      const applied = await t.call('applyRetention', { token: admin.token });
      expect(applied.body.deleted_count).toBe(1);
      expect(applied.body.freed_bytes).toBeGreaterThan(0);
      expect((await t.call('getBackup', { params: { path: { backupId: old } }, token: admin.token })).status).toBe(404);
      expect((await t.call('getBackup', { params: { path: { backupId: kept } }, token: admin.token })).status).toBe(
        200,
      );
    });

    it('keeps at most retention_count backups, on demand and after a run-now', async () => {
      const admin = await setupAdmin(t);
      const [first, second, third] = [
        await takeBackup(t, admin),
        await takeBackup(t, admin),
        await takeBackup(t, admin),
      ];
      const limited = await t.call('updateSchedule', { body: { retention_count: 2 }, token: admin.token });
      expect(limited.body).toMatchObject({ retention_count: 2 });
      const ids = async () =>
        ((await t.call('listBackups', { token: admin.token })).body as { id: string }[]).map((b) => b.id).sort();
      const before = (await ids()).length;
      expect(before).toBeGreaterThanOrEqual(3);
      const applied = await t.call('applyRetention', { token: admin.token });
      expect(applied.body.deleted_count).toBe(before - 2);
      expect(await ids()).toEqual([second, third].sort());
      expect(await ids()).not.toContain(first);

      const started = await t.call('runScheduledBackup', { token: admin.token });
      expect((await waitForBackup(t, admin, started.body.id)).status).toBe('completed');
      let left: string[] = [];
      for (let i = 0; i < 200 && left.length !== 2; i++) {
        left = await ids();
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(left).toEqual([third, started.body.backup_id].sort());

      const unlimited = await t.call('updateSchedule', { body: { retention_count: null }, token: admin.token });
      expect(unlimited.body.retention_count).toBeUndefined();
      expect((await t.call('applyRetention', { token: admin.token })).body.deleted_count).toBe(0);
      const bad = await t.call('updateSchedule', { body: { retention_count: 0 }, token: admin.token });
      expect(bad.status).toBe(400);
    });
  },
  { stateless: false, overHttp: false },
);
