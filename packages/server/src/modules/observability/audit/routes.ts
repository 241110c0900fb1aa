/** Audit handlers: the log, filtered and paged, and the action names the spec's operations record. */
import { openapiDocument } from '@lockstep/contract';
import { auditActions, auditRules } from '../../../http/audit-rule';
import type { Handler } from '../../../http/handler-types';
import { errors } from '../../../http/http-error';
import { totalHeader } from '../../../http/paging';
import { instant } from '../windows';

const ACTIONS = auditActions(auditRules(openapiDocument).values());

export const getAuditLog: Handler<'getAuditLog'> = async ({ query, services }) => {
  const since = instant(query.since);
  const until = instant(query.until);
  if (since !== undefined && until !== undefined && since >= until) {
    throw errors.badRequest('INVALID_QUERY', '`since` must be before `until`.');
  }
  const filter = { action: query.action, user_id: query.user_id, resource_type: query.resource_type, since, until };
  const { entries, total } = await services.observability.auditLog.page(filter, query.limit ?? 50, query.offset ?? 0);
  return { status: 200, body: { entries, total }, headers: totalHeader(total) };
};

export const getAuditActions: Handler<'getAuditActions'> = async ({ query }) => {
  const offset = query.offset ?? 0;
  return {
    status: 200,
    body: ACTIONS.slice(offset, offset + (query.limit ?? 50)),
    headers: totalHeader(ACTIONS.length),
  };
};
