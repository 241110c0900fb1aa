/**
 * One point-in-time restore job: extract the base snapshot (checked as any restore is),
 * copy the log to `wal_dir`, check that the window's changes fit the base's tables
 * (`validating`), stop there for `validate_only`; else, with writes paused, restore the
 * base's tables and replay the changes up to the target in the same transaction, so a
 * failure at any step leaves the data as it was. Progress is the share of changes replayed.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { changesByIds } from '../../data/change-log';
import { type CatalogueColumn, tableColumns } from '../../db/catalogue';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import { SCHEMA_ENTRY, type TableDefinition } from '../backup/dump';
import { resetIdentity, restoreDatabase } from '../backup/restore-database';
import type { BackupStore, JobRow } from '../backup/store';
import { verifyArchive } from '../backup/verify-archive';
import type { WritePause } from '../backup/write-pause';
import { firstChangeAfter, type ReplayScope, replayIds, replayTables } from './pitr-log';
import { ReplayError, Replayer, sameShape } from './replay';
import { exportSegment } from './wal-segments';

/** A PITR job's own fields, kept as JSON in the job's `detail`. */
export interface PitrDetail {
  target_time: string;
  tables: string[];
  current_wal_position: number;
  target_wal_position: number;
  /** How many changes the replay applied (set when it ends). */
  replayed_changes?: number;
}

/** What a PITR job needs. */
export interface PitrJobDeps {
  database: Database;
  store: BackupStore;
  pause: WritePause;
  log: Logger;
  archive: string;
  work: string;
  wal: string;
  /** Called after the data changed (caches of table shapes). */
  restored: () => void;
}

const PAGE = 1000;

function names(columns: { name: string }[]): string {
  return columns
    .map((c) => c.name)
    .sort()
    .join(',');
}

/** A table whose columns differ from the base's passes only when a change after the target still has the base's shape. */
async function checkLiveShape(database: Database, definition: TableDefinition, target: string): Promise<void> {
  const live: CatalogueColumn[] = await tableColumns(database, definition.name);
  if (live.length === 0 || names(live) === names(definition.columns)) return;
  const later = await firstChangeAfter(database, definition.name, target);
  const meta = { names: new Set(definition.columns.map((c) => c.name)) };
  if (later && sameShape(meta, later.newRow ?? later.oldRow ?? {})) return;
  throw new ReplayError(
    'PITR_SCHEMA_CHANGED',
    `The columns of ${definition.name} changed since the base snapshot, and the log cannot tell whether before or after the target; restore the snapshot instead, or leave the table out (collections).`,
  );
}

/** Pages of the changes with `ids`, in id order. */
async function* pages(database: Database, ids: number[]) {
  for (let i = 0; i < ids.length; i += PAGE) yield changesByIds(database, ids.slice(i, i + PAGE));
}

async function checkWindow(
  database: Database,
  scope: ReplayScope,
  ids: number[],
  definitions: TableDefinition[],
  whole: boolean,
): Promise<void> {
  const known = new Set(definitions.map((d) => d.name));
  const outside = (await replayTables(database, scope)).filter((t) => !known.has(t));
  if (whole && outside.length > 0)
    throw new ReplayError(
      'PITR_TABLE_NOT_IN_BASE',
      `The log changes table(s) the base snapshot does not hold: ${outside.join(', ')}. Take the other tables (collections).`,
    );
  for (const d of definitions) await checkLiveShape(database, d, scope.target);
  const shapes = new Map(definitions.map((d) => [d.name, { names: new Set(d.columns.map((c) => c.name)) }]));
  for await (const page of pages(database, ids)) {
    for (const change of page) {
      const shape = shapes.get(change.table) ?? { names: new Set<string>() };
      for (const row of [change.newRow, change.oldRow])
        if (row && !sameShape(shape, row))
          throw new ReplayError(
            'PITR_SCHEMA_CHANGED',
            `Change ${change.id} (${change.committedAt}) of ${change.table} does not have the base snapshot's columns: the table's shape changed before the target.`,
          );
    }
  }
}

function reporter(store: BackupStore, job: JobRow, detail: PitrDetail, total: number) {
  let last = 0;
  return (position: number, done: number) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    const progress = Math.min(99, 40 + Math.floor((60 * done) / Math.max(1, total)));
    const next = JSON.stringify({ ...detail, current_wal_position: position });
    void store.updateJob(job.id, { progress, detail: next }).catch(() => undefined);
  };
}

async function replayAll(view: Database, ids: number[], report: (position: number, done: number) => void) {
  const replayer = new Replayer(view);
  let done = 0;
  for await (const page of pages(view, ids)) {
    if (page.length !== Math.min(PAGE, ids.length - done))
      throw new ReplayError('PITR_LOG_DIVERGED', 'Changes of the window left the log while the replay ran.');
    for (const change of page) await replayer.apply(change);
    done += page.length;
    report(page[page.length - 1].id, done);
  }
  for (const table of replayer.inserted) await resetIdentity(view, table, await tableColumns(view, table));
  return { done, last: ids[ids.length - 1] ?? 0 };
}

/** Runs job `job` replaying `scope` onto its base; never throws (the job records the outcome). */
export async function runPitrJob(deps: PitrJobDeps, job: JobRow, scope: ReplayScope, whole: boolean): Promise<void> {
  const { store } = deps;
  const detail = JSON.parse(job.detail ?? '{}') as PitrDetail;
  const scratch = join(deps.work, job.id);
  const end = (changes: Partial<JobRow>) =>
    store.updateJob(job.id, { progress: 100, completed_at: new Date().toISOString(), ...changes });
  try {
    await store.updateJob(job.id, { status: 'running' });
    const check = await verifyArchive(deps.archive, scratch);
    if (!check.manifest || check.errors.length > 0)
      return await end({ status: 'failed', error: check.errors.join(' ') || 'The base snapshot is not readable.' });
    await exportSegment(deps.database, deps.wal);
    const all = (JSON.parse(await readFile(join(scratch, SCHEMA_ENTRY), 'utf8')) as { tables: TableDefinition[] })
      .tables;
    const definitions = all.filter((d) => scope.tables.includes(d.name));
    const ids = await replayIds(deps.database, scope);
    if (ids.length > 0) detail.target_wal_position = ids[ids.length - 1];
    await store.updateJob(job.id, { progress: 10, detail: JSON.stringify(detail) });
    await checkWindow(deps.database, scope, ids, definitions, whole);
    if (job.validate_only) return await end({ status: 'complete' });
    const manifest = { ...check.manifest, include_tables: scope.tables };
    const report = reporter(store, job, detail, ids.length);
    const replayed = await deps.pause.during(async () => {
      let out = { done: 0, last: 0 };
      await restoreDatabase(
        deps.database,
        scratch,
        manifest,
        () => undefined,
        scope.tables,
        async (view) => {
          out = await replayAll(view, ids, report);
        },
      );
      deps.restored();
      return out;
    });
    detail.current_wal_position = replayed.last || detail.current_wal_position;
    detail.replayed_changes = replayed.done;
    await end({ status: 'complete', detail: JSON.stringify(detail) });
  } catch (error) {
    deps.log.error({ err: error, job: job.id }, 'point-in-time restore failed');
    await end({ status: 'failed', error: (error as Error).message ?? String(error) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
