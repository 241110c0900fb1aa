/**
 * What a subscription to a channel reads: for `db:<table>`, the table as the catalogue names
 * it (NOT_FOUND when absent, FORBIDDEN when the caller's policies let it read no row) and the
 * filter's conditions, checked against the table's columns; other channels take no table.
 */

import type { Caller } from '../../data/caller';
import type { RlsStore } from '../../data/policy/store';
import type { RowService } from '../../data/row-service';
import type { Database } from '../../db/database';
import { asHttpError } from '../../http/http-error';
import { type Condition, parseFilter, unknownColumns } from './filter';
import { FrameError } from './frames';
import { loadPolicies, mayReadSome } from './policy';

/** The table and conditions of a subscription. */
export interface Target {
  table?: string;
  conditions: Condition[];
  /** The change kinds wanted (`filter.event`); all when absent. */
  events?: ReadonlySet<string>;
}

const KINDS = ['INSERT', 'UPDATE', 'DELETE'];

/** `event` in a filter names the change kind (INSERT, UPDATE, DELETE or *) unless the table has such a column. */
function eventKinds(conditions: Condition[], columns: ReadonlySet<string>, channel: string) {
  const at = conditions.findIndex((c) => c.column === 'event');
  if (at < 0 || columns.has('event')) return { conditions, events: undefined };
  const c = conditions[at];
  const values = (c.op === 'in' ? (c.value as unknown[]) : [c.value]).map((v) => String(v).toUpperCase());
  if ((c.op !== 'eq' && c.op !== 'in') || !values.every((v) => v === '*' || KINDS.includes(v)))
    throw new FrameError('VALIDATION_FAILED', 'filter: event is INSERT, UPDATE, DELETE or *', channel);
  const events = values.includes('*') ? undefined : new Set(values);
  return { conditions: conditions.filter((_, i) => i !== at), events };
}

/** What resolving a target needs of the realtime service: the data layer, and catching up on changes. */
export interface TargetContext {
  deps: { rows: RowService; rls: RlsStore; database: Database };
  readChanges(): Promise<unknown>;
}

/** The table a `db:` channel names; a `NOT_FOUND` frame error when there is none. */
async function tableOfChannel(rows: RowService, name: string, channel: string) {
  try {
    return await rows.table(name);
  } catch (error) {
    if (asHttpError(error)?.status === 404) throw new FrameError('NOT_FOUND', `No table ${name}`, channel);
    throw error;
  }
}

/** Resolves a subscription's target; throws `FrameError`. */
export async function resolveTarget(
  service: TargetContext,
  caller: Caller,
  channel: string,
  filter: unknown,
): Promise<Target> {
  const conditions = parseFilter(filter);
  if (!channel.startsWith('db:')) return { conditions };
  const { rows, rls, database } = service.deps;
  const name = channel.slice(3);
  const meta = await tableOfChannel(rows, name, channel);
  const { conditions: columnConditions, events } = eventKinds(conditions, meta.names, channel);
  const unknown = unknownColumns(columnConditions, meta.names);
  if (unknown.length > 0)
    throw new FrameError('VALIDATION_FAILED', `filter: the table ${meta.name} has no column ${unknown[0]}`, channel);
  if (!mayReadSome(await loadPolicies(rls, database, meta.name), caller, meta.names))
    throw new FrameError('FORBIDDEN', `No row-level security policy lets you read rows of ${meta.name}`, channel);
  await service.readChanges();
  return { table: meta.name, conditions: columnConditions, events };
}
