/**
 * The backup tag's operations: each translates HTTP to a call of the backup service and
 * back. Admin only (the spec's security says so and the pipeline enforces it).
 */
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { contentDisposition, toWebStream } from '../storage/file-response';
import { toBackupJob, toDetail, toHistoryEntry, toRestoreJob, toSummary } from './serialize';
import { uploadBackup } from './upload';

const DEFAULT_UPLOAD_LIMIT = 5 * 1024 ** 3;

/** The handlers of the `backup` tag. */
export const backupHandlers: ModuleHandlers<'backup'> = {
  createBackup: async ({ body, services }) => {
    const { job } = await services.backup.create(body ?? {});
    return { status: 202, body: toBackupJob(job) };
  },
  listBackups: async ({ query, services }) => {
    const rows = await services.backup.store.backups.list(query.limit ?? 50, query.offset ?? 0);
    const total = await services.backup.store.backups.count();
    return { status: 200, body: rows.map(toSummary), headers: { 'X-Total-Count': String(total) } };
  },
  getBackupStats: async ({ services }) => ({ status: 200, body: (await services.backup.stats()) as never }),
  getSchedule: async ({ services }) => ({ status: 200, body: await services.backup.schedule.get() }),
  updateSchedule: async ({ body, services }) => ({ status: 200, body: await services.backup.schedule.update(body) }),
  runScheduledBackup: async ({ services }) => ({
    status: 202,
    body: toBackupJob(await services.backup.runScheduleNow()),
  }),
  getBackupHistory: async ({ query, services }) => {
    const limit = query.limit ?? 50;
    const rows = await services.backup.store.history(query.since, limit, query.offset ?? 0);
    const total = await services.backup.store.countHistory(query.since);
    return { status: 200, body: rows.map(toHistoryEntry), headers: { 'X-Total-Count': String(total) } };
  },
  applyRetention: async ({ services }) => ({ status: 200, body: await services.backup.applyRetention() }),
  uploadBackup: async ({ request, services }) => {
    const limit = services.config.storageUploadLimit ?? DEFAULT_UPLOAD_LIMIT;
    return { status: 201, body: { backup_id: await uploadBackup(services.backup, request, limit) } };
  },
  getBackupStatus: async ({ params, services }) => {
    const job = await services.backup.store.job(params.jobId, 'backup');
    if (!job) throw errors.notFound('Backup job');
    return { status: 200, body: toBackupJob(job, await services.backup.store.backups.get(job.backup_id)) };
  },
  getBackup: async ({ params, services }) => ({
    status: 200,
    body: toDetail(await services.backup.backup(params.backupId)),
  }),
  deleteBackup: async ({ params, services }) => {
    await services.backup.delete(params.backupId);
    return { status: 204 };
  },
  downloadBackup: async ({ params, services }) => {
    const { stream, size } = await services.backup.download(params.backupId);
    return new Response(toWebStream(stream), {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': contentDisposition('attachment', `backup-${params.backupId}.tar.gz`),
      },
    });
  },
  restoreBackup: async ({ params, body, services }) => {
    const job = await services.backup.restore(params.backupId, body?.validate_only ?? false, body?.target_path);
    return { status: 202, body: toRestoreJob(job) };
  },
  validateBackup: async ({ params, services }) => {
    const check = await services.backup.validate(params.backupId);
    return { status: 200, body: { valid: check.errors.length === 0, errors: check.errors, warnings: check.warnings } };
  },
  getRestoreStatus: async ({ params, services }) => {
    const job = await services.backup.store.job(params.jobId, 'restore');
    if (!job) throw errors.notFound('Restore job');
    return { status: 200, body: toRestoreJob(job) };
  },
};
