/**
 * Turns an operation's outcome into an audit entry by its rule: the action when it
 * succeeded (2xx), the rule's `failed` action when it was refused (401, 403), nothing
 * otherwise. The request pipeline calls `record` after the handler answers.
 */

import { type AuditFacts, type AuditRule, readSource } from '../../../http/audit-rule';
import type { AuditStore, NewAuditEntry } from './store';

/** What happened to one audited request. */
export interface AuditOutcome extends AuditFacts {
  operationId: string;
  method: string;
  /** The request's URL path. */
  path: string;
  status: number;
  ip?: string;
  at: number;
}

function actionOf(rule: AuditRule, status: number): string | undefined {
  if (status >= 200 && status < 300) return rule.action;
  if ((status === 401 || status === 403) && rule.failed) return rule.failed;
  return undefined;
}

/** The entry an outcome records under `rule`, or undefined when it records nothing. */
export function auditEntryFor(rule: AuditRule, outcome: AuditOutcome): NewAuditEntry | undefined {
  const action = actionOf(rule, outcome.status);
  if (!action) return undefined;
  const actor = rule.actor ? readSource(rule.actor, outcome) : undefined;
  return {
    at: outcome.at,
    action,
    user_id: actor ?? outcome.callerId,
    resource_type: rule.resource,
    resource_id: rule.id ? (readSource(rule.id, outcome) ?? 'unknown') : rule.resource,
    details: {
      operation: outcome.operationId,
      method: outcome.method.toUpperCase(),
      path: outcome.path,
      status: outcome.status,
    },
    ip_address: outcome.ip,
  };
}

/** Records audited outcomes in the store. */
export class AuditTrail {
  constructor(private readonly store: AuditStore) {}

  /** Records `outcome` when its rule says so. */
  async record(rule: AuditRule, outcome: AuditOutcome): Promise<void> {
    const entry = auditEntryFor(rule, outcome);
    if (entry) await this.store.insert(entry);
  }
}
