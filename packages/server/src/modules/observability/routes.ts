/**
 * The observability module: kept logs (query, export, live stream), metric series and
 * Prometheus, statement timings (stats, slow statements, profiler, explain) and alert
 * rules. The audit log answers 501 until the modules that act record their actions.
 */
import type { ModuleHandlers } from '../../http/handler-types';
import { notImplementedModule } from '../not-implemented';
import * as alerts from './alert-routes';
import * as logs from './log-routes';
import * as metrics from './metric-routes';
import * as queries from './query-routes';

const audit = notImplementedModule('observability');

export const observabilityHandlers: ModuleHandlers<'observability'> = {
  ...logs,
  ...metrics,
  ...queries,
  ...alerts,
  getAuditLog: audit.getAuditLog,
  getAuditActions: audit.getAuditActions,
};
