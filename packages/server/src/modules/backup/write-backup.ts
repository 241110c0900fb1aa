/**
 * Writes one backup archive: a consistent dump of the database, then the stored objects its
 * metadata names (read through the storage backend, local or S3), then the manifest, all
 * streamed into `<id>.tar.gz.partial`, which is renamed into place only once complete.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../db/database';
import type { StorageBackend } from '../../storage/backend';
import { ObjectNotFoundError } from '../../storage/backend';
import { serverVersion } from '../../version';
import { ArchiveWriter } from './archive-write';
import { type DatabaseDump, dumpDatabase, objectEntry } from './dump';
import { logFrom } from './log-position';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type ArchiveManifest } from './manifest';
import { archivePath, type BackupDirs } from './paths';
import { withConsistentView } from './snapshot';

/** What a backup is asked to hold. */
export interface BackupRequest {
  id: string;
  name: string;
  /** `fast` is gzip's lowest level (snapshots). */
  compression: ArchiveManifest['compression'] | 'fast';
  includeTables?: string[];
  /** Where the archive goes. @default the backup's path under the backup directory */
  destination?: string;
}

/** What the backup needs from the server. */
export interface BackupSources {
  database: Database;
  backend: StorageBackend;
  dirs: BackupDirs;
}

/** gzip's level for the requested compression; zstd is not in Node 20's zlib, so it is written as gzip. */
function gzipLevel(compression: ArchiveManifest['compression'] | 'fast'): number {
  return compression === 'none' ? 0 : compression === 'fast' ? 1 : 6;
}

function manifestOf(
  request: BackupRequest,
  dump: DatabaseDump,
  engine: Database['engine'],
  from: string,
): ArchiveManifest {
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    format_version: ARCHIVE_FORMAT_VERSION,
    id: request.id,
    name: request.name,
    timestamp: dump.timestamp,
    engine,
    schema_version: dump.schemaVersion,
    server_version: serverVersion,
    database_name: 'lockstep',
    tables: dump.tables,
    internal_tables: dump.internalTables,
    wal_position: dump.walPosition,
    log_from: from,
    compression: request.compression === 'none' ? 'none' : 'gzip',
    incremental: false,
    object_count: 0,
    files: [],
  };
  if (request.includeTables) manifest.include_tables = request.includeTables;
  if (dump.logSnapshot) manifest.log_snapshot = dump.logSnapshot;
  return manifest;
}

async function addObjects(
  writer: ArchiveWriter,
  backend: StorageBackend,
  dump: DatabaseDump,
  progress: (done: number) => void,
): Promise<number> {
  const total = dump.objects.reduce((sum, o) => sum + o.size, 0) || 1;
  let done = 0;
  let count = 0;
  for (const object of dump.objects) {
    let bytes: AsyncIterable<Uint8Array>;
    try {
      bytes = await backend.get(object.bucket, object.key);
    } catch (error) {
      // Deleted after the dump was taken: its row is in the dump, its bytes are gone.
      if (error instanceof ObjectNotFoundError) continue;
      throw error;
    }
    await writer.add(objectEntry(object.id), bytes, object.size);
    count++;
    done += object.size;
    progress(done / total);
  }
  return count;
}

/** Writes the archive of `request`; answers its manifest and size. `progress` gets 0..100. */
export async function writeBackup(
  sources: BackupSources,
  request: BackupRequest,
  progress: (percent: number) => void,
): Promise<{ manifest: ArchiveManifest; size: number; rowCounts: Record<string, number> }> {
  const { dirs, database } = sources;
  const work = join(dirs.work, request.id);
  const final = request.destination ?? archivePath(dirs, request.id);
  const partial = `${final}.partial`;
  await mkdir(work, { recursive: true });
  const writer = new ArchiveWriter(partial, gzipLevel(request.compression));
  try {
    const from = await logFrom(database);
    const dump = await withConsistentView(database, `${work}.sqlite`, (view) =>
      dumpDatabase(view, work, request.includeTables),
    );
    progress(30);
    for (const file of dump.files) {
      const path = join(work, file);
      await writer.add(file, createReadStream(path), (await stat(path)).size);
    }
    progress(50);
    const manifest = manifestOf(request, dump, database.engine, from);
    manifest.object_count = await addObjects(writer, sources.backend, dump, (f) => progress(50 + f * 45));
    manifest.files = [...writer.files];
    await writer.addBytes('manifest.json', Buffer.from(JSON.stringify(manifest, null, 1)));
    await writer.finish();
    await rename(partial, final);
    return { manifest, size: (await stat(final)).size, rowCounts: dump.rowCounts };
  } catch (error) {
    writer.abort(error as Error);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
