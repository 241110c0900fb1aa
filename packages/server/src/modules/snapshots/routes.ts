/** The snapshots tag's operations, each a call of the snapshot service or its point-in-time recovery. Admin only. */
import type { components } from '@lockstep/contract';
import type { ModuleHandlers } from '../../http/handler-types';
import { errors } from '../../http/http-error';
import { contentDisposition, toWebStream } from '../storage/file-response';
import type { SnapshotRow } from './store';

type Schemas = components['schemas'];

const DEFAULT_UPLOAD_LIMIT = 5 * 1024 ** 3;

function toSnapshot(row: SnapshotRow): Schemas['SnapshotsSnapshot'] {
  const out: Schemas['SnapshotsSnapshot'] = {
    id: row.id,
    name: row.name,
    status: row.status,
    created_at: row.created_at,
    timestamp: row.timestamp,
    size_bytes: Number(row.size_bytes),
    wal_position: Number(row.wal_position),
    collections: JSON.parse(row.collections) as string[],
  };
  if (row.manifest) out.manifest = { ...JSON.parse(row.manifest), snapshot_id: row.id };
  if (row.error) out.error = row.error;
  return out;
}

/** The handlers of the `snapshots` tag. */
export const snapshotsHandlers: ModuleHandlers<'snapshots'> = {
  listSnapshots: async ({ query, services }) => {
    const rows = await services.snapshots.store.list(query.limit ?? 50, query.offset ?? 0);
    const total = await services.snapshots.store.count();
    return { status: 200, body: rows.map(toSnapshot), headers: { 'X-Total-Count': String(total) } };
  },
  createSnapshot: async ({ body, services }) => ({
    status: 201,
    body: toSnapshot(await services.snapshots.create(body?.name)),
  }),
  importSnapshot: async ({ request, services }) => {
    const limit = services.config.storageUploadLimit ?? DEFAULT_UPLOAD_LIMIT;
    return { status: 201, body: toSnapshot(await services.snapshots.import(request, limit)) };
  },
  getSnapshotRestoreStatus: async ({ params, services }) => {
    const job = await services.backup.store.job(params.jobId, 'snapshot-restore');
    if (!job) throw errors.notFound('Snapshot restore job');
    // A snapshot restore job keeps the tables it restores in `validation_errors`.
    const total = (JSON.parse(job.validation_errors ?? '[]') as string[]).length;
    const out: Schemas['SnapshotsRestoreStatus'] = {
      job_id: job.id,
      snapshot_id: job.backup_id,
      status: job.status as Schemas['SnapshotsJobStatus'],
      progress_percent: Number(job.progress),
      collections_restored: job.status === 'complete' && !job.validate_only ? total : 0,
      total_collections: total,
    };
    if (job.error) out.error = job.error;
    return { status: 200, body: out };
  },
  getPITRRange: async ({ services }) => ({ status: 200, body: await services.snapshots.pitr.range() }),
  restoreToPointInTime: async ({ body, services }) => {
    const job = await services.snapshots.pitr.start(body.target_time, body.collections, body.validate_only ?? false);
    const detail = JSON.parse(job.detail ?? '{}') as { target_time: string };
    return { status: 202, body: { job_id: job.id, target_time: detail.target_time, status: 'pending' } };
  },
  getPITRJobStatus: async ({ params, services }) => {
    const { row, detail } = await services.snapshots.pitr.job(params.jobId);
    const out: Schemas['SnapshotsPITRJob'] = {
      job_id: row.id,
      status: row.status as Schemas['SnapshotsJobStatus'],
      target_time: detail.target_time,
      current_wal_position: detail.current_wal_position,
      target_wal_position: detail.target_wal_position,
      progress_percent: Number(row.progress),
    };
    if (row.error) out.error = row.error;
    return { status: 200, body: out };
  },
  getSnapshot: async ({ params, services }) => ({
    status: 200,
    body: toSnapshot(await services.snapshots.get(params.snapshotId)),
  }),
  deleteSnapshot: async ({ params, services }) => {
    await services.snapshots.delete(params.snapshotId);
    return { status: 204 };
  },
  restoreSnapshot: async ({ params, body, services }) => {
    const job = await services.snapshots.restore(
      params.snapshotId,
      body?.target_collections,
      body?.validate_only ?? false,
    );
    return { status: 202, body: { job_id: job.id, status: 'pending' } };
  },
  cloneSnapshot: async ({ params, body, services }) => ({
    status: 201,
    body: toSnapshot(await services.snapshots.clone(params.snapshotId, body.name)),
  }),
  exportSnapshot: async ({ params, services }) => {
    const { stream, size } = await services.snapshots.export(params.snapshotId);
    return new Response(toWebStream(stream), {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': contentDisposition('attachment', `snapshot-${params.snapshotId}.tar.gz`),
      },
    });
  },
};
