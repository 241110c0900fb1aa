/** The audit log (`ls_audit_log`): inserts, filtered pages newest first with their total, retention by age. */
import { randomUUID } from 'node:crypto';
import type { components } from '@lockstep/contract';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { newestPage } from '../../../db/newest-page';
import type { Tables } from '../../../db/tables';

/** One audit entry as the API shows it: the spec's `ObservabilityAuditEntry`. */
export type AuditEntry = components['schemas']['ObservabilityAuditEntry'];

/** An entry to record; the store gives it its id. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'timestamp'> & { at: number };

/** What an audit query filters by. */
export interface AuditFilter {
  action?: string;
  user_id?: string;
  resource_type?: string;
  since?: number;
  until?: number;
}

type Row = Tables['ls_audit_log'];
type Query = SelectQueryBuilder<Tables, 'ls_audit_log', object>;

function toEntry(row: Row): AuditEntry {
  const entry: AuditEntry = {
    id: row.id,
    timestamp: new Date(Number(row.ts)).toISOString(),
    action: row.action,
    user_id: row.user_id,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    details: JSON.parse(row.details),
  };
  if (row.ip_address) entry.ip_address = row.ip_address;
  return entry;
}

/** Reads and writes `ls_audit_log`. */
export class AuditStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Records one entry. */
  async insert(e: NewAuditEntry): Promise<void> {
    await this.db
      .insertInto('ls_audit_log')
      .values({
        id: randomUUID(),
        ts: e.at,
        action: e.action,
        user_id: e.user_id,
        resource_type: e.resource_type,
        resource_id: e.resource_id.slice(0, 1000),
        details: JSON.stringify(e.details),
        ip_address: e.ip_address ?? null,
      })
      .execute();
  }

  private filtered(f: AuditFilter): Query {
    let q: Query = this.db.selectFrom('ls_audit_log');
    if (f.action) q = q.where('action', '=', f.action);
    if (f.user_id) q = q.where('user_id', '=', f.user_id);
    if (f.resource_type) q = q.where('resource_type', '=', f.resource_type);
    if (f.since !== undefined) q = q.where('ts', '>=', f.since);
    if (f.until !== undefined) q = q.where('ts', '<', f.until);
    return q;
  }

  /** One page, newest first, and the total matching. */
  async page(f: AuditFilter, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const { rows, total } = await newestPage(this.filtered(f), limit, offset);
    return { entries: rows.map(toEntry), total };
  }

  /** Deletes entries older than `before`. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('ls_audit_log').where('ts', '<', before).execute();
  }
}
