/**
 * `manifest.json`, the last entry of every archive: what the archive holds and how to check
 * it (size and SHA-256 of every other entry), which engine and schema version wrote it, and
 * the change-log position its data is consistent as of. The API shows a projection of it
 * (`BackupManifest` in the spec).
 */
import type { components } from '@lockstep/contract';

/** The format this server writes and reads. */
export const ARCHIVE_FORMAT = 'lockstep-backup';
/** Bumped when the archive layout changes incompatibly. */
export const ARCHIVE_FORMAT_VERSION = 1;

/** One entry of the archive, as the manifest records it. */
export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/** The whole manifest as stored in the archive. */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  format_version: number;
  id: string;
  name: string;
  /** The instant the data is consistent as of. */
  timestamp: string;
  engine: 'sqlite' | 'postgres';
  /** The newest server migration applied when the backup was taken. */
  schema_version: string;
  server_version: string;
  database_name: string;
  /** User tables in the archive, in creation order. */
  tables: string[];
  /** Server tables (`ls_*`) in the archive. */
  internal_tables: string[];
  /** Set when the backup holds only these user tables (nothing else is restored from it). */
  include_tables?: string[];
  wal_position: number;
  /** Changes made before this instant are in the data unless their transaction was unseen (`log_snapshot`). */
  log_from?: string;
  /** PostgreSQL: the transaction snapshot the data was read in. */
  log_snapshot?: string;
  compression: 'none' | 'gzip' | 'zstd';
  incremental: boolean;
  base_backup_id?: string;
  object_count: number;
  files: ManifestFile[];
}

/** The manifest as the API shows it. */
export type PublicManifest = components['schemas']['BackupManifest'];

/** The API's view of an archive manifest. */
export function publicManifest(m: ArchiveManifest): PublicManifest {
  const out: PublicManifest = {
    version: String(m.format_version),
    timestamp: m.timestamp,
    database_name: m.database_name,
    tables: m.tables,
    wal_position: m.wal_position,
    compression: m.compression,
    incremental: m.incremental,
  };
  if (m.base_backup_id) out.base_backup_id = m.base_backup_id;
  return out;
}

/** The manifest of a backup not written yet (a running or failed job). */
export function pendingManifest(timestamp: string, compression: ArchiveManifest['compression']): PublicManifest {
  return {
    version: String(ARCHIVE_FORMAT_VERSION),
    timestamp,
    database_name: 'lockstep',
    tables: [],
    wal_position: 0,
    compression,
    incremental: false,
  };
}
