/** Rows of the backup tables as the spec's shapes. */
import type { components } from '@lockstep/contract';
import { type ArchiveManifest, type PublicManifest, publicManifest } from './manifest';
import type { BackupRow, JobRow } from './store';

type Schemas = components['schemas'];

function manifestOf(row: BackupRow): PublicManifest {
  const stored = JSON.parse(row.manifest) as ArchiveManifest | PublicManifest;
  return 'format' in stored ? publicManifest(stored) : stored;
}

/** A backup in lists. */
export function toSummary(row: BackupRow): Schemas['BackupSummary'] {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    created_at: row.created_at,
    size_bytes: Number(row.size_bytes),
    manifest: manifestOf(row),
  };
}

/** A backup with its archive's files. */
export function toDetail(row: BackupRow): Schemas['BackupDetail'] {
  return { ...toSummary(row), files: JSON.parse(row.files) as string[] };
}

function optional<T extends object>(out: T, key: string, value: unknown): T {
  if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** A backup job; its manifest once the backup completed. */
export function toBackupJob(job: JobRow, backup?: BackupRow): Schemas['BackupJob'] {
  const out: Schemas['BackupJob'] = {
    id: job.id,
    backup_id: job.backup_id,
    status: job.status as Schemas['BackupStatus'],
    progress: Number(job.progress),
    started_at: job.started_at,
  };
  if (backup && job.status === 'completed') out.manifest = manifestOf(backup);
  optional(out, 'error', job.error);
  return optional(out, 'completed_at', job.completed_at);
}

/** A restore job. */
export function toRestoreJob(job: JobRow): Schemas['BackupRestoreJob'] {
  const out: Schemas['BackupRestoreJob'] = {
    id: job.id,
    backup_id: job.backup_id,
    status: job.status as Schemas['BackupRestoreJob']['status'],
    progress: Number(job.progress),
    validate_only: job.validate_only === 1,
    started_at: job.started_at,
  };
  optional(out, 'error', job.error);
  if (job.validation_errors) out.validation_errors = JSON.parse(job.validation_errors) as string[];
  return optional(out, 'completed_at', job.completed_at);
}

/** A finished backup run. */
export function toHistoryEntry(job: JobRow): Schemas['BackupHistoryEntry'] {
  const ok = job.status === 'completed';
  const out: Schemas['BackupHistoryEntry'] = {
    id: job.id,
    type: job.trigger,
    status: ok ? 'success' : 'failed',
    started_at: job.started_at,
  };
  if (ok) out.backup_id = job.backup_id;
  optional(out, 'completed_at', job.completed_at);
  if (job.size_bytes !== null) out.size_bytes = Number(job.size_bytes);
  return optional(out, 'error', job.error);
}
