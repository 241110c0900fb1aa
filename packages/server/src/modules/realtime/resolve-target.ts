/**
 * What a subscription to a channel reads: for `db:<table>`, the table as the catalogue names
 * it (NOT_FOUND when absent, FORBIDDEN when the caller's policies let it read no row) and the
 * filter's conditions, checked against the table's columns; other channels take no table.
 */
import { HttpError } from '../../http/http-error';
import type { Caller } from '../auth/caller';
import { type Condition, parseFilter, unknownColumns } from './filter';
import { FrameError } from './frames';
import { loadPolicies, mayReadSome } from './policy';
import type { RealtimeService } from './service';

/** The table and conditions of a subscription. */
export interface Target {
  table?: string;
  conditions: Condition[];
}

/** Resolves a subscription's target; throws `FrameError`. */
export async function resolveTarget(
  service: RealtimeService,
  caller: Caller,
  channel: string,
  filter: unknown,
): Promise<Target> {
  const conditions = parseFilter(filter);
  if (!channel.startsWith('db:')) return { conditions };
  const { rows, rls, database } = service.deps;
  const name = channel.slice(3);
  const meta = await rows.table(name).catch((error) => {
    if (error instanceof HttpError && error.status === 404)
      throw new FrameError('NOT_FOUND', `No table ${name}`, channel);
    throw error;
  });
  const unknown = unknownColumns(conditions, meta.names);
  if (unknown.length > 0)
    throw new FrameError('VALIDATION_FAILED', `filter: the table ${meta.name} has no column ${unknown[0]}`, channel);
  if (!mayReadSome(await loadPolicies(rls, database, meta.name), caller))
    throw new FrameError('FORBIDDEN', `No row-level security policy lets you read rows of ${meta.name}`, channel);
  await service.readChanges();
  return { table: meta.name, conditions };
}
