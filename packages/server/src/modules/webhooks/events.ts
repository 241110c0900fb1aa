/**
 * Events a webhook hears: their names, the body every delivery carries, and the row events
 * made from the change feed (`database.row.inserted|updated|deleted`, data
 * `{table, row, old_row}`), whose event id is derived from the change's id so that every
 * instance reading the feed queues the same delivery once.
 */
import type { ChangeRecord } from '../../data/change-log';

/** The body of a delivery, exactly as signed. */
export function eventBody(id: string, event: string, createdAt: string, data: unknown): string {
  return JSON.stringify({ id, event, created_at: createdAt, data });
}

const ROW_EVENTS = { INSERT: 'database.row.inserted', UPDATE: 'database.row.updated', DELETE: 'database.row.deleted' };

/** Whether a webhook's events include a row event (so the change feed must be read). */
export function wantsRowEvents(events: string[]): boolean {
  return events.some((e) => e.startsWith('database.row.'));
}

/** A change as a webhook event. */
export function rowEvent(change: ChangeRecord): { id: string; event: string; createdAt: string; data: unknown } {
  const row = change.newRow ?? change.oldRow;
  return {
    id: `chg_${change.id}`,
    event: ROW_EVENTS[change.kind],
    createdAt: change.committedAt,
    data: { table: change.table, row, ...(change.kind === 'INSERT' ? {} : { old_row: change.oldRow }) },
  };
}
