/**
 * Snapshots: fast local copies of the user tables (the backup module's consistent dump,
 * gzip's fastest level, no objects and no server tables), kept under setup's
 * `snapshot_dir`. Restoring one replaces the data of its tables (or some of them) in one
 * transaction, with writes paused, through the backup module's restore; clone copies the
 * file, export streams it, import checks it like a backup upload. A snapshot taken here
 * records where it stands in the change log and is a base of point-in-time recovery (`pitr.ts`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { components } from '@lockstep/contract';
import { listTables } from '../../db/catalogue';
import type { Database } from '../../db/database';
import { errors, HttpError } from '../../http/http-error';
import type { Logger } from '../../log';
import { assertIdle } from '../backup/backup-jobs';
import type { ArchiveManifest } from '../backup/manifest';
import { restoreDatabase } from '../backup/restore-database';
import type { BackupService } from '../backup/service';
import { type JobRow, pendingJob } from '../backup/store';
import { receiveArchive } from '../backup/upload';
import { verifyArchive } from '../backup/verify-archive';
import { writeBackup } from '../backup/write-backup';
import { PitrService } from './pitr';
import { type SnapshotRow, SnapshotStore } from './store';

type Schemas = components['schemas'];

function invalidQuery(message: string): HttpError {
  return new HttpError(400, 'INVALID_QUERY', message);
}

function snapshotManifest(id: string, manifest: ArchiveManifest, rowCounts: Record<string, number>) {
  const sizes = new Map(manifest.files.map((f) => [f.path, f.size]));
  const digest = createHash('sha256').update(JSON.stringify(manifest.files)).digest('hex');
  return {
    snapshot_id: id,
    timestamp: manifest.timestamp,
    wal_position: manifest.wal_position,
    tables: manifest.tables.map((name) => ({
      name,
      row_count: rowCounts[name] ?? 0,
      size_bytes: sizes.get(`database/tables/${name}.jsonl`) ?? 0,
    })),
    checksum: `sha256:${digest}`,
  } satisfies Schemas['SnapshotsManifest'];
}

/** Snapshots and their restore jobs. */
export class SnapshotService {
  readonly store: SnapshotStore;
  readonly pitr: PitrService;

  constructor(
    private readonly database: Database,
    private readonly backup: BackupService,
    private readonly log: Logger,
    /** Hours of history point-in-time recovery keeps restorable; 0 turns it off. @default 24 */
    pitrRetentionHours = 24,
  ) {
    this.store = new SnapshotStore(database.db);
    this.pitr = new PitrService(database, backup, this.store, log, pitrRetentionHours);
    backup.afterBackup = () => this.pitr.baseTaken();
  }

  private async fileOf(id: string): Promise<string> {
    const { snapshots } = await this.backup.dirs();
    return join(snapshots, `${id}.tar.gz`);
  }

  /** A snapshot, or 404. */
  async get(id: string): Promise<SnapshotRow> {
    const row = await this.store.get(id);
    if (!row) throw errors.notFound('Snapshot');
    return row;
  }

  private async freeName(name: string): Promise<void> {
    if (await this.store.nameTaken(name)) throw errors.conflict(`A snapshot named ${name} exists.`);
  }

  /** The archive's own name, or the first free `<name>-imported-<n>` when it is taken (re-importing an export). */
  private async importedName(original: string): Promise<string> {
    if (!(await this.store.nameTaken(original))) return original;
    for (let n = 1; ; n++) {
      const candidate = `${original}-imported-${n}`;
      if (!(await this.store.nameTaken(candidate))) return candidate;
    }
  }

  /** Takes a snapshot in the background; answers its record (status `creating`). */
  async create(name?: string): Promise<SnapshotRow> {
    const at = new Date().toISOString();
    const id = randomUUID();
    const chosen = name ?? `snapshot-${at.replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
    await this.freeName(chosen);
    const tables = await listTables(this.database);
    const row: SnapshotRow = {
      id,
      name: chosen,
      status: 'creating',
      created_at: at,
      timestamp: at,
      size_bytes: 0,
      wal_position: 0,
      collections: JSON.stringify(tables),
      manifest: null,
      error: null,
      log_from: null,
      log_snapshot: null,
    };
    await this.store.insert(row);
    void this.write(row, tables);
    return row;
  }

  private async write(row: SnapshotRow, tables: string[]): Promise<void> {
    try {
      const dirs = await this.backup.dirs();
      const { manifest, size, rowCounts } = await writeBackup(
        { database: this.database, backend: null as never, dirs },
        {
          id: row.id,
          name: row.name,
          compression: 'fast',
          includeTables: tables,
          destination: await this.fileOf(row.id),
        },
        () => undefined,
      );
      await this.store.update(row.id, {
        timestamp: manifest.timestamp,
        size_bytes: size,
        wal_position: manifest.wal_position,
        collections: JSON.stringify(manifest.tables),
        manifest: JSON.stringify(snapshotManifest(row.id, manifest, rowCounts)),
        log_from: manifest.log_from ?? null,
        log_snapshot: manifest.log_snapshot ?? null,
      });
      // The log is held for it (and copied) before anyone sees it ready.
      await this.pitr
        .baseTaken(row.id)
        .catch((error) => this.log.error({ err: error, snapshot: row.id }, 'keeping the change log failed'));
      await this.store.update(row.id, { status: 'ready' });
    } catch (error) {
      this.log.error({ err: error, snapshot: row.id }, 'snapshot failed');
      await this.store.update(row.id, { status: 'failed', error: (error as Error).message });
    }
  }

  /** A ready snapshot's file, or 409. */
  async readyFile(id: string): Promise<{ row: SnapshotRow; path: string; size: number }> {
    const row = await this.get(id);
    if (row.status !== 'ready') throw errors.conflict(`The snapshot is ${row.status}, not ready.`);
    const path = await this.fileOf(id);
    return { row, path, size: (await stat(path)).size };
  }

  async delete(id: string): Promise<void> {
    const row = await this.get(id);
    if (row.status === 'creating') throw errors.conflict('The snapshot is being written.');
    await rm(await this.fileOf(id), { force: true });
    await this.store.delete(id);
    await this.pitr.keepLog();
  }

  /** Copies a ready snapshot under a new name. */
  async clone(id: string, name: string): Promise<SnapshotRow> {
    const { row, path } = await this.readyFile(id);
    await this.freeName(name);
    const copy: SnapshotRow = { ...row, id: randomUUID(), name, created_at: new Date().toISOString() };
    await copyFile(path, await this.fileOf(copy.id));
    await this.store.insert(copy);
    return copy;
  }

  /** The snapshot's file, streamed. */
  async export(id: string) {
    const { path, size } = await this.readyFile(id);
    return { stream: createReadStream(path), size };
  }

  /** Stores an exported snapshot as a new one; 400 when it is not valid. */
  async import(request: Request, limit: number): Promise<SnapshotRow> {
    const dirs = await this.backup.dirs();
    await mkdir(dirs.work, { recursive: true });
    const id = randomUUID();
    const scratch = join(dirs.work, `${id}.import`);
    try {
      const fields = await receiveArchive(request, scratch, limit, 'snapshot');
      const check = await verifyArchive(scratch);
      if (!check.manifest || check.errors.length > 0 || !check.manifest.include_tables)
        throw errors.validation(
          (check.errors.length ? check.errors : ['The archive is not a snapshot.']).map((message) => ({
            field: 'body.snapshot',
            message,
          })),
        );
      const { manifest } = check;
      const given = fields.get('name');
      if (given !== undefined) await this.freeName(given);
      const name = given ?? (await this.importedName(manifest.name));
      await rename(scratch, await this.fileOf(id));
      const row: SnapshotRow = {
        id,
        name,
        status: 'ready',
        created_at: new Date().toISOString(),
        timestamp: manifest.timestamp,
        size_bytes: (await stat(await this.fileOf(id))).size,
        wal_position: manifest.wal_position,
        collections: JSON.stringify(manifest.tables),
        manifest: JSON.stringify(snapshotManifest(id, manifest, {})),
        error: null,
        // Its log positions are another database's: never a point-in-time base here.
        log_from: null,
        log_snapshot: null,
      };
      await this.store.insert(row);
      return row;
    } finally {
      await rm(scratch, { force: true });
    }
  }

  /** Starts restoring a snapshot's tables (or `only` of them). */
  async restore(id: string, only: string[] | undefined, validateOnly: boolean): Promise<JobRow> {
    const { row } = await this.readyFile(id);
    const collections = JSON.parse(row.collections) as string[];
    const unknown = (only ?? []).filter((t) => !collections.includes(t));
    if (unknown.length > 0) throw invalidQuery(`Not in the snapshot: ${unknown.join(', ')}.`);
    await assertIdle(this.backup.store);
    const job = pendingJob('snapshot-restore', id, {
      validate_only: validateOnly ? 1 : 0,
      validation_errors: JSON.stringify(only ?? collections),
      size_bytes: 0,
    });
    await this.backup.store.insertJob(job);
    void this.runRestore(job, only ?? collections);
    return job;
  }

  private async runRestore(job: JobRow, tables: string[]): Promise<void> {
    const store = this.backup.store;
    const dirs = await this.backup.dirs();
    const scratch = join(dirs.work, job.id);
    const end = (changes: Partial<JobRow>) =>
      store.updateJob(job.id, { progress: 100, completed_at: new Date().toISOString(), ...changes });
    try {
      await store.updateJob(job.id, { status: 'running' });
      const check = await verifyArchive(await this.fileOf(job.backup_id), scratch);
      if (!check.manifest || check.errors.length > 0)
        return await end({ status: 'failed', error: check.errors.join(' ') });
      if (job.validate_only) return await end({ status: 'complete' });
      const manifest = { ...check.manifest, include_tables: tables };
      await this.backup.pause.during(() => restoreDatabase(this.database, scratch, manifest, () => undefined, tables));
      this.backup.restored();
      await end({ status: 'complete', size_bytes: tables.length });
    } catch (error) {
      this.log.error({ err: error, job: job.id }, 'snapshot restore failed');
      await end({ status: 'failed', error: (error as Error).message });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}
