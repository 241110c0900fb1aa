/**
 * Database changes to `db_change` frames: rows from the change log normalised exactly as
 * the HTTP paths show them (`fromDbValue`), then sent to each subscriber of the table that
 * may read the row under row-level security and whose filter it matches. `old_record` is
 * only sent to a subscriber who may read the old row too.
 */

import type { Caller } from '../../data/caller';
import type { ChangeRecord } from '../../data/change-log';
import type { TableMeta } from '../../data/table-cache';
import { fromDbValue, type Row } from '../../data/values';
import type { Engine } from '../../db/database';
import type { Connection } from './connection';
import { matchesFilter } from './filter';
import type { ChangePayload } from './frames';
import type { ReadCheck } from './policy';
import type { Subscription } from './subscriptions';

function engineValue(engine: Engine, meta: TableMeta, key: string, value: unknown): unknown {
  const column = meta.byName.get(key);
  if (engine === 'sqlite' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const blob = (value as { $blob?: unknown }).$blob;
    if (typeof blob === 'string' && Object.keys(value).length === 1) return Buffer.from(blob, 'hex');
  }
  if (engine === 'postgres' && typeof value === 'string') {
    if (column?.portable === 'timestamp') return new Date(value);
    if (column?.type === 'bytea' && value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  }
  return value;
}

/** A row from the change log as the API shows it. */
export function normaliseRow(engine: Engine, meta: TableMeta, row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row))
    out[key] = fromDbValue(engine, meta.types.get(key) ?? null, engineValue(engine, meta, key, value));
  return out;
}

/** One change ready to send. */
export interface PreparedChange {
  change: ChangeRecord;
  /** The row subscribers must be allowed to read: the new one, or the old one for DELETE. */
  row: Row;
  old: Row | null;
}

/** Normalises a change of `meta`'s table. */
export function prepareChange(engine: Engine, meta: TableMeta, change: ChangeRecord): PreparedChange {
  const newRow = change.newRow ? normaliseRow(engine, meta, change.newRow) : null;
  const oldRow = change.oldRow ? normaliseRow(engine, meta, change.oldRow) : null;
  return { change, row: (newRow ?? oldRow) as Row, old: change.kind === 'UPDATE' ? oldRow : null };
}

function frameBytes(channel: string, p: PreparedChange, withOld: boolean): Buffer {
  const payload: ChangePayload = {
    table: p.change.table,
    record: p.row,
    commit_timestamp: p.change.committedAt,
    change_id: p.change.id,
  };
  if (withOld && p.old) payload.old_record = p.old;
  return Buffer.from(JSON.stringify({ type: 'db_change', channel, event: p.change.kind, payload }));
}

/**
 * Sends one change to the subscriptions of its table; `targets` answers the connections of
 * a subscription (one, or all of a user's for a standing one). Answers how many frames left.
 */
export function fanOut(
  p: PreparedChange,
  subscriptions: Iterable<Subscription>,
  targets: (s: Subscription) => Iterable<Connection>,
  mayRead: ReadCheck,
): number {
  const frames = new Map<string, Buffer>();
  // Policies depend only on the caller's role and id: decide once per caller, not per socket.
  const decided = new Map<string, number>();
  const access = (caller: Caller): number => {
    const key = caller.kind === 'anon' ? 'anon' : `${caller.role}:${caller.userId}`;
    let bits = decided.get(key);
    if (bits === undefined) {
      bits = (mayRead(caller, p.row) ? 1 : 0) | (p.old !== null && mayRead(caller, p.old) ? 2 : 0);
      decided.set(key, bits);
    }
    return bits;
  };
  let sent = 0;
  for (const s of subscriptions) {
    if (s.events && !s.events.has(p.change.kind)) continue;
    if (!matchesFilter(p.row, s.conditions)) continue;
    for (const connection of targets(s)) {
      const bits = access(connection.caller);
      if ((bits & 1) === 0) continue;
      const withOld = (bits & 2) !== 0;
      const key = `${withOld ? 1 : 0}${s.channel}`;
      let bytes = frames.get(key);
      if (bytes === undefined) {
        bytes = frameBytes(s.channel, p, withOld);
        frames.set(key, bytes);
      }
      if (connection.sendEncoded(bytes)) sent++;
    }
  }
  return sent;
}
