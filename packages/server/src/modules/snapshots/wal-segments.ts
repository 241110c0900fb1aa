/**
 * The change log's copy under setup's `wal_dir`: gzip JSON-lines segments
 * `changes-<firstId>-<lastId>.jsonl.gz`, one change per line as the log holds it (id, table,
 * kind, rows, time). A segment is written after every snapshot and before every
 * point-in-time restore, covering the changes since the previous segment, so `snapshot_dir`
 * and `wal_dir` together hold the bases and the log of the window outside the database.
 * Segments whose changes have all left the database's log are deleted with them. On
 * PostgreSQL a segment ends at the last change that can no longer be joined by a lower id.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { changesAfter, lastChangeId } from '../../data/change-log';
import type { Database } from '../../db/database';
import { logFrom } from '../backup/log-position';

const SEGMENT = /^changes-(\d+)-(\d+)\.jsonl\.gz$/;
const PAGE = 5000;

/** A segment file's name and id range. */
export interface Segment {
  name: string;
  firstId: number;
  lastId: number;
}

/** The segments in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<Segment[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Segment[] = [];
  for (const name of names) {
    const m = SEGMENT.exec(name);
    if (m) out.push({ name, firstId: Number(m[1]), lastId: Number(m[2]) });
  }
  return out.sort((a, b) => a.firstId - b.firstId);
}

/**
 * The last id every change up to which is final. SQLite: the newest (writers are
 * serialised). PostgreSQL: an open transaction may still commit changes logged with lower
 * ids than committed ones, so only changes made before the oldest open writing transaction
 * began are final (a change's id and time are taken in the same insert; 100 ms spare that).
 */
async function settledId(database: Database): Promise<number> {
  if (database.engine === 'sqlite') return lastChangeId(database);
  const from = await logFrom(database);
  const { rows } = await sql<{ id: number | string | null }>`
    select max(id) as id from ls_changes where committed_at < ${from}::timestamptz - interval '100 milliseconds'`.execute(
    database.db,
  );
  return Number(rows[0]?.id ?? 0);
}

async function writeChanges(
  database: Database,
  path: string,
  afterId: number,
  upTo: number,
): Promise<{ first: number; last: number }> {
  const gzip = createGzip({ level: 1 });
  const file = createWriteStream(path);
  gzip.pipe(file);
  let first = 0;
  let last = afterId;
  for (;;) {
    const page = (await changesAfter(database, last, PAGE)).filter((c) => c.id <= upTo);
    if (page.length === 0) break;
    for (const change of page) {
      if (first === 0) first = change.id;
      if (!gzip.write(`${JSON.stringify(change)}\n`)) await once(gzip, 'drain');
    }
    last = page[page.length - 1].id;
  }
  gzip.end();
  await once(file, 'close');
  return { first, last };
}

/** Writes the changes logged since the last segment as a new segment; answers it, or undefined when there were none. */
export async function exportSegment(database: Database, dir: string): Promise<Segment | undefined> {
  const segments = await listSegments(dir);
  const after = segments.length > 0 ? segments[segments.length - 1].lastId : 0;
  const partial = join(dir, `.segment-${process.pid}-${Date.now()}.partial`);
  try {
    const { first, last } = await writeChanges(database, partial, after, await settledId(database));
    if (first === 0) return undefined;
    const segment = { name: `changes-${first}-${last}.jsonl.gz`, firstId: first, lastId: last };
    await rename(partial, join(dir, segment.name));
    return segment;
  } finally {
    await rm(partial, { force: true });
  }
}

/** Deletes the segments whose changes have all been pruned from the database's log. */
export async function pruneSegments(database: Database, dir: string): Promise<void> {
  const { rows } = await sql<{ id: number | string | null }>`select min(id) as id from ls_changes`.execute(database.db);
  const oldest = rows[0]?.id === null || rows[0]?.id === undefined ? Number.POSITIVE_INFINITY : Number(rows[0].id);
  for (const segment of await listSegments(dir))
    if (segment.lastId < oldest) await rm(join(dir, segment.name), { force: true });
}
