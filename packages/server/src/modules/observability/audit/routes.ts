/** Audit handlers: the log, filtered and paged, and the action names the spec's operations record. HTTP in, one `AuditService` call, HTTP out. */
import type { ModuleHandlers } from '../../../http/handler-types';
import { pageOf, totalHeader } from '../../../http/paging';
import { instant } from '../windows';

/** The audit log and its action names. */
export const auditRoutes = {
  getAuditLog: async ({ query, services }) => {
    const { action, user_id, resource_type } = query;
    const filter = { action, user_id, resource_type, since: instant(query.since), until: instant(query.until) };
    const { entries, total } = await services.observability.areas.audit.page(
      filter,
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return { status: 200, body: { entries, total }, headers: totalHeader(total) };
  },
  getAuditActions: async ({ query, services }) => {
    const all = services.observability.areas.audit.actions();
    return { status: 200, body: pageOf(all, query), headers: totalHeader(all.length) };
  },
} satisfies Partial<ModuleHandlers<'observability'>>;
