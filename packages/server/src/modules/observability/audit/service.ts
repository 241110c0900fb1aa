/** The rules of reading the audit log: a window runs forwards, and the actions are those the spec's operations record. */
import { openapiDocument } from '@lockstep/contract';
import { auditActions, auditRules } from '../../../http/audit-rule';
import { errors } from '../../../http/http-error';
import type { AuditFilter, AuditStore } from './store';

const ACTIONS = auditActions(auditRules(openapiDocument).values());

/** The audit log as the handlers read it. */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  /** One page of entries, newest first, and the total matching; 400 when `since` is not before `until`. */
  async page(filter: AuditFilter, limit: number, offset: number) {
    const { since, until } = filter;
    if (since !== undefined && until !== undefined && since >= until) {
      throw errors.badRequest('INVALID_QUERY', '`since` must be before `until`.');
    }
    return this.store.page(filter, limit, offset);
  }

  /** Every action name an operation of the spec records. */
  actions(): readonly string[] {
    return ACTIONS;
  }
}
